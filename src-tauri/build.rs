fn main() {
    // The shop defaults are read with option_env!, so a change to any of
    // them must rebuild the app.
    for variable in ["GIGMA_SHOP_NAME", "GIGMA_BASE_URL", "GIGMA_APP_TOKEN"] {
        println!("cargo:rerun-if-env-changed={variable}");
    }
    tauri_build::build();
}
