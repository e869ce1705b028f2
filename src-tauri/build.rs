/// Every command the UI may call. Listing them here makes Tauri generate a
/// permission per command, so `capabilities/default.json` can allow exactly
/// these and nothing else.
const COMMANDS: &[&str] = &[
    "bootstrap",
    "keychain_status",
    "save_settings",
    "send_password",
    "login",
    "start_callback_auth",
    "poll_callback_auth",
    "cancel_callback_auth",
    "restore_session",
    "sign_out",
    "start_demo",
    "leave_demo",
    "load_counterparty",
    "update_counterparty",
    "delete_counterparty",
    "save_draft",
    "load_draft",
    "discard_draft",
    "pick_avatar",
    "avatar_preview",
    "save_avatar",
    "cancel_avatar",
    "remove_avatar",
    "avatar_image",
    "suggest_address",
    "diagnostics",
    "export_profile",
    // Not in capabilities/default.json: the app allows it at run time only
    // when GIGMA_BENCH_MILESTONES=1 (see src-tauri/bench.rs).
    "bench_milestone",
];

fn main() {
    // The shop defaults are read with option_env!, so a change to any of
    // them must rebuild the app.
    for variable in [
        "GIGMA_SHOP_NAME",
        "GIGMA_BASE_URL",
        "GIGMA_APP_TOKEN",
        "GIGMA_ACCENT_COLOR",
        "GIGMA_DADATA_KEY",
        "GIGMA_DADATA_URL",
    ] {
        println!("cargo:rerun-if-env-changed={variable}");
    }

    // generate_context! embeds the window icon from a copy in OUT_DIR, so
    // without this a regenerated icon set would not reach the binary until
    // something else rebuilt the crate.
    println!("cargo:rerun-if-changed=icons");

    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build failed; see the message above");
}
