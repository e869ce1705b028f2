//! Project tasks, run as `cargo xtask <task>`:
//!
//! - `run`: install what the app needs, build it, open it in demo mode.
//! - `test`: install what the tests need, then run every test: Rust, UI
//!   logic, and the end-to-end test of the real app under Xvfb.
//! - `check`: formatting, clippy, then `test`.
//! - `e2e`: only the end-to-end tests, for a quick run while working on
//!   the UI.
//! - `deb`: build the .deb installer, install it, launch the app from its
//!   desktop entry under Xvfb, and remove it again.
//! - `screenshots`: the documentation's screenshots, into `docs/screenshots/`.
//!
//! Plain `std` only, so the task runner builds in seconds on a new machine.

// Debian packages exist only on Linux, and the checks use Unix file modes.
#[cfg(unix)]
mod bundle;
mod packages;
mod process;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use process::{command, run, Failure};

const USAGE: &str = "usage: cargo xtask <task>

tasks:
  run     install missing system packages, build the app, open it in demo mode
  test    install missing system packages, run every test (Rust, UI, end-to-end)
  check   cargo fmt --check, cargo clippy, then every test
  e2e     install missing system packages, run only the end-to-end tests under Xvfb
  deb     build the .deb, check it, install it, launch it from its desktop entry, remove it
  screenshots
          take every screen in Russian and English, light and dark, into docs/screenshots/";

fn main() -> ExitCode {
    let task = std::env::args().nth(1);
    let result = match task.as_deref() {
        Some("run") => run_app(),
        Some("test") => test_all(),
        Some("check") => check(),
        Some("e2e") => packages::ensure(packages::TESTS).and_then(|()| end_to_end()),
        #[cfg(unix)]
        Some("deb") => bundle::deb(),
        #[cfg(not(unix))]
        Some("deb") => Err(Failure::Missing(
            "`cargo xtask deb` runs on Debian or Ubuntu only".to_owned(),
        )),
        Some("screenshots") => screenshots(),
        Some("-h" | "--help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };

    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("xtask: {failure}");
            ExitCode::FAILURE
        }
    }
}

fn repo_root() -> PathBuf {
    // `cargo run` sets CARGO_MANIFEST_DIR for the running task too. Prefer
    // it over the compile-time path, which goes stale when a checkout is
    // moved and Cargo reuses the built task runner.
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest_dir
        .parent()
        .expect("xtask sits in the repository")
        .to_path_buf()
}

/// Builds the debug app and opens it in demo mode. Without a display it
/// starts a virtual one (Xvfb) and says how to look at it.
fn run_app() -> Result<(), Failure> {
    let root = repo_root();
    packages::ensure(packages::APP)?;
    run(command("cargo")
        .args(["build", "--bin", "gigma-profile"])
        .current_dir(&root))?;

    let binary = root.join("target/debug/gigma-profile");
    let mut app = command(&binary);
    app.arg("--demo").current_dir(&root);

    let has_display =
        std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some();
    if has_display {
        return run(&mut app);
    }

    packages::ensure(packages::HEADLESS)?;
    println!("No display found: opening the app on a virtual screen (Xvfb) at DISPLAY=:99.");
    println!("Take a screenshot with: DISPLAY=:99 import -window root shot.png");
    println!("Stop the app with Ctrl+C.");
    let mut xvfb = process::spawn(command("Xvfb").args([
        ":99",
        "-screen",
        "0",
        "1280x900x24",
        "-nolisten",
        "tcp",
    ]))?;
    std::thread::sleep(std::time::Duration::from_millis(500));
    let result = run(app.env("DISPLAY", ":99"));
    let _ = xvfb.kill();
    result
}

fn test_all() -> Result<(), Failure> {
    let root = repo_root();
    packages::ensure(packages::TESTS)?;

    println!("== Rust tests (client, sandbox, commands)");
    run(command("cargo")
        .args(["test", "--workspace"])
        .current_dir(&root))?;

    println!("== Keychain tests against a real Secret Service (gnome-keyring)");
    let keychain_home = fresh_dir(&root.join("target/keychain-home"))?;
    run(command("dbus-run-session")
        .args(["--", "sh", "-c"])
        .arg(format!(
            "{UNLOCK_KEYRING} && cargo test --test keychain -- --ignored"
        ))
        // gnome-keyring keeps its keyrings under XDG_DATA_HOME; HOME stays,
        // since rustup and cargo find their toolchain through it.
        .env("XDG_DATA_HOME", &keychain_home)
        .current_dir(&root))?;

    println!("== UI logic tests (node --test)");
    run(command("node")
        .args(["--test", "ui/tests/"])
        .current_dir(&root))?;

    end_to_end()?;

    println!("All tests passed.");
    Ok(())
}

/// Builds the app and the sandbox and runs the end-to-end tests under Xvfb.
fn end_to_end() -> Result<(), Failure> {
    let root = repo_root();
    println!("== End-to-end test of the app under Xvfb");
    // A debug build writes the delete dialog's data export here instead of
    // opening a folder dialog, which the test cannot click in.
    let export_dir = fresh_dir(&root.join("target/e2e-export"))?;
    run_e2e(
        &root,
        "tests/e2e/",
        &[
            ("E2E_SCREENSHOTS", root.join("target/e2e-screenshots")),
            ("GIGMA_TEST_EXPORT_DIR", export_dir),
        ],
    )
}

/// Takes the documentation's screenshots: every screen in Russian and
/// English, light and dark, into `docs/screenshots/`.
fn screenshots() -> Result<(), Failure> {
    let root = repo_root();
    packages::ensure(packages::TESTS)?;
    run_e2e(
        &root,
        "tests/e2e/screenshots.mjs",
        &[("GIGMA_DOC_SCREENSHOTS", root.join("docs/screenshots"))],
    )?;
    println!("Screenshots written to docs/screenshots/.");
    Ok(())
}

/// Builds the debug app and the sandbox, then runs `node --test` on
/// `tests` (a file or a folder) against them under Xvfb, with `extra_env`
/// added to the environment.
fn run_e2e(root: &Path, tests: &str, extra_env: &[(&str, PathBuf)]) -> Result<(), Failure> {
    run(command("cargo")
        .args([
            "build",
            "-p",
            "gigma-profile",
            "-p",
            "gigma-sandbox",
            "--bins",
        ])
        .current_dir(root))?;
    let tauri_driver = ensure_tauri_driver(root)?;
    let home = fresh_dir(&root.join("target/e2e-home"))?;

    // xvfb-run gives a virtual screen; dbus-run-session inside it gives the
    // app a session bus of its own, so the services WebKit starts through
    // it see the screen and end with the test. HOME points at a throwaway
    // folder so the test never reads or writes the user's settings.
    let mut e2e = command("xvfb-run");
    e2e.args(["--auto-servernum", "--server-args=-screen 0 1280x900x24"])
        .args(["dbus-run-session", "--", "sh", "-c"])
        .arg(format!(
            "{UNLOCK_KEYRING} && node --test --test-concurrency=1 {tests}"
        ))
        .env("GIGMA_APP_BINARY", root.join("target/debug/gigma-profile"))
        .env(
            "GIGMA_SANDBOX_BINARY",
            root.join("target/debug/gigma-sandbox"),
        )
        .env("TAURI_DRIVER", tauri_driver)
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .current_dir(root);
    for (name, value) in extra_env {
        e2e.env(name, value);
    }

    // Debug builds open this photo in place of the native file dialog, which
    // WebDriver cannot click. It comes from the repository's public test
    // images. Without it, the avatar test skips itself.
    let avatar_photo = root.join("tests/data/images/exif-orientation/Landscape_6.jpg");
    if avatar_photo.is_file() {
        e2e.env("GIGMA_TEST_AVATAR_FILE", avatar_photo);
    } else {
        println!(
            "{} is missing: the avatar end-to-end test will be skipped",
            avatar_photo.display()
        );
    }
    run(&mut e2e)
}

/// Starts gnome-keyring on the current session bus with a login keyring
/// unlocked by a throwaway password, so the app finds a working Secret
/// Service as on a desktop. Meant to run inside `dbus-run-session`.
const UNLOCK_KEYRING: &str =
    "printf test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null";

/// Empties `dir` (creating it if needed) and returns it.
fn fresh_dir(dir: &Path) -> Result<PathBuf, Failure> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).map_err(|source| Failure::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    Ok(dir.to_path_buf())
}

fn check() -> Result<(), Failure> {
    let root = repo_root();
    run(command("cargo")
        .args(["fmt", "--all", "--check"])
        .current_dir(&root))?;
    run(command("cargo")
        .args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
        .current_dir(&root))?;
    test_all()
}

/// Returns the path of `tauri-driver`, installing it into `.tools/` on first
/// use (about 40 s) unless it is on PATH already.
fn ensure_tauri_driver(root: &Path) -> Result<PathBuf, Failure> {
    if let Some(found) = process::which("tauri-driver") {
        return Ok(found);
    }
    let tools = root.join(".tools");
    let installed = tools.join("bin/tauri-driver");
    if !installed.exists() {
        println!("Installing tauri-driver into {} ...", tools.display());
        run(command("cargo")
            .args([
                "install",
                "--locked",
                "--quiet",
                "tauri-driver",
                "--version",
                "2.1.0",
                "--root",
            ])
            .arg(&tools))?;
    }
    Ok(installed)
}
