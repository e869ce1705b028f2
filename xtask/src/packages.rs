//! System packages the app and the tests need, installed on Debian and
//! Ubuntu with apt; elsewhere the task prints what to install.

use std::process::Command;

use crate::process::{command, run, which, Failure};

/// What building and running the app needs (Tauri v2 on WebKitGTK 4.1).
pub const APP: &[&str] = &[
    "pkg-config",
    "libwebkit2gtk-4.1-dev",
    "libgtk-3-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "libxdo-dev",
    "libssl-dev",
    "libdbus-1-dev",
];

/// What `run` needs on a machine without a display: a virtual screen, and
/// ImageMagick's `import` for the screenshot command it suggests.
pub const HEADLESS: &[&str] = &["xvfb", "imagemagick"];

/// What the tests need on top: WebKit's WebDriver, a virtual display, a
/// session bus, a Secret Service, and Node.js for the UI and end-to-end tests.
pub const TESTS: &[&str] = &[
    "pkg-config",
    "libwebkit2gtk-4.1-dev",
    "libgtk-3-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "libxdo-dev",
    "libssl-dev",
    "libdbus-1-dev",
    "webkit2gtk-driver",
    "xvfb",
    "xauth",
    "gnome-keyring",
    "dbus-x11",
];

/// Installs whichever of `packages` are missing. Node.js is checked by its
/// command rather than by package, since many machines install it outside apt.
pub fn ensure(packages: &[&str]) -> Result<(), Failure> {
    let mut missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|name| !is_installed(name))
        .collect();
    if packages == TESTS && which("node").is_none() {
        missing.push("nodejs");
    }
    if missing.is_empty() {
        return Ok(());
    }

    if which("apt-get").is_none() || which("dpkg-query").is_none() {
        return Err(Failure::Missing(format!(
            "this is not a Debian or Ubuntu system; install the equivalents of: {}",
            missing.join(" ")
        )));
    }

    println!("Installing missing system packages: {}", missing.join(" "));
    run(&mut apt_get(&["update", "-qq"]))?;
    run(apt_get(&["install", "-y", "-qq", "--no-install-recommends"]).args(&missing))
}

/// Returns an `apt-get` command with `args`, run through `sudo` unless this
/// process is root, and without interactive prompts.
pub fn apt_get(args: &[&str]) -> Command {
    let mut apt = if is_root() {
        command("apt-get")
    } else {
        let mut sudo = command("sudo");
        sudo.arg("apt-get");
        sudo
    };
    apt.args(args).env("DEBIAN_FRONTEND", "noninteractive");
    apt
}

pub fn is_installed(package: &str) -> bool {
    command("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .is_ok_and(|output| {
            String::from_utf8_lossy(&output.stdout).contains("install ok installed")
        })
}

fn is_root() -> bool {
    command("id")
        .arg("-u")
        .output()
        .is_ok_and(|output| String::from_utf8_lossy(&output.stdout).trim() == "0")
}
