//! `cargo xtask deb`: builds the Debian package with the Tauri CLI, checks
//! its control fields and contents, installs it with apt, launches the app
//! from the installed desktop entry on a virtual screen, and removes the
//! package again. Any failed check fails the task.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::packages;
use crate::process::{command, output, run, which, Failure};

/// Debian packages the checks need on top of what building the app needs:
/// a virtual screen, a session bus, gtk-launch, xdotool to find the window,
/// ImageMagick for the screenshot, and desktop-file-validate.
const CHECK_PACKAGES: &[&str] = &[
    "xvfb",
    "xauth",
    "dbus",
    "libgtk-3-bin",
    "xdotool",
    "imagemagick",
    "desktop-file-utils",
];

/// Runtime libraries the package must depend on. The Tauri bundler adds
/// the first two by itself; tauri.conf.json adds libdbus-1-3, which the
/// keychain access links against.
const REQUIRED_DEPENDS: &[&str] = &["libwebkit2gtk-4.1-0", "libgtk-3-0", "libdbus-1-3"];

/// Icon sizes the package must install in the hicolor theme.
const REQUIRED_ICON_SIZES: &[&str] = &["32x32", "128x128", "512x512"];

/// Size of the virtual screen the app is launched on.
const SCREEN: &str = "1280x900x24";

/// Values from tauri.conf.json that the package must carry.
struct AppConfig {
    product_name: String,
    binary_name: String,
    publisher: String,
    short_description: String,
}

pub fn deb() -> Result<(), Failure> {
    let started = Instant::now();
    let root = crate::repo_root();
    let check_dir = root.join("target/deb-check");

    let mut needed: Vec<&str> = packages::APP.to_vec();
    needed.extend_from_slice(CHECK_PACKAGES);
    if which("npm").is_none() {
        needed.extend_from_slice(&["nodejs", "npm"]);
    }
    packages::ensure(&needed)?;
    ensure_tauri_cli(&root)?;
    let config = read_config(&root)?;

    println!("== Building the .deb (npx tauri build --bundles deb)");
    let build_started = Instant::now();
    let deb = build_deb(&root)?;
    let build_time = build_started.elapsed();

    println!("== Checking {}", deb.display());
    let package = check_control(&deb, &config)?;
    check_contents(&deb, &check_dir, &config)?;

    println!("== Installing {package} with apt-get");
    if packages::is_installed(&package) {
        return Err(Failure::Check(format!(
            "{package} is installed already, and this task would replace it and then \
             remove it; remove it first with `apt-get remove {package}`"
        )));
    }
    run(packages::apt_get(&["install", "-y"]).arg(&deb))?;

    // The package is removed whatever the launch check found, and the
    // first failure is the one reported.
    let checked = check_installed(&root, &check_dir, &package, &config);
    println!("== Removing {package}");
    let removed = remove(&package, &config);
    checked?;
    removed?;

    println!(
        "The .deb passed every check in {} (build and bundle: {}). Screenshot: {}",
        minutes(started.elapsed()),
        minutes(build_time),
        check_dir.join("launched.png").display()
    );
    Ok(())
}

/// Installs the Tauri CLI pinned in package-lock.json into node_modules/,
/// unless the installed copy matches it already.
fn ensure_tauri_cli(root: &Path) -> Result<(), Failure> {
    let matches_lockfile = command("npm")
        .args(["ls", "--silent", "@tauri-apps/cli"])
        .current_dir(root)
        .stdout(std::process::Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if matches_lockfile {
        return Ok(());
    }
    println!("Installing the Tauri CLI from package-lock.json (npm ci) ...");
    run(command("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(root))
}

/// Reads the values the checks compare against from tauri.conf.json with
/// Node.js, which the Tauri CLI needs anyway, so xtask stays plain `std`.
fn read_config(root: &Path) -> Result<AppConfig, Failure> {
    const PRINT_FIELDS: &str = "const c = require('./tauri.conf.json'); \
        for (const v of [c.productName, c.mainBinaryName, c.bundle.publisher, \
        c.bundle.shortDescription]) console.log(v ?? '')";
    let printed = output(command("node").args(["-e", PRINT_FIELDS]).current_dir(root))?;
    let mut lines = printed.lines().map(str::to_owned);
    let mut next = |name: &str| match lines.next() {
        Some(value) if !value.is_empty() => Ok(value),
        _ => Err(Failure::Check(format!(
            "tauri.conf.json does not set {name}"
        ))),
    };
    Ok(AppConfig {
        product_name: next("productName")?,
        binary_name: next("mainBinaryName")?,
        publisher: next("bundle.publisher")?,
        short_description: next("bundle.shortDescription")?,
    })
}

/// Builds the release app and its .deb, and returns the path of the .deb.
fn build_deb(root: &Path) -> Result<PathBuf, Failure> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(|dir| root.join(dir))
        .unwrap_or_else(|| root.join("target"));
    let deb_dir = target.join("release/bundle/deb");

    // An older .deb, for example of another version, would make the
    // result ambiguous.
    for old in debs_in(&deb_dir) {
        std::fs::remove_file(&old).map_err(|source| Failure::Io { path: old, source })?;
    }
    run(command(root.join("node_modules/.bin/tauri"))
        .args(["build", "--bundles", "deb"])
        .current_dir(root))?;

    match debs_in(&deb_dir).as_slice() {
        [deb] => Ok(deb.clone()),
        found => Err(Failure::Check(format!(
            "expected one .deb in {}, found {}",
            deb_dir.display(),
            found.len()
        ))),
    }
}

fn debs_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "deb"))
        .collect()
}

/// Prints `dpkg-deb --info` and checks the control fields; returns the
/// package name.
fn check_control(deb: &Path, config: &AppConfig) -> Result<String, Failure> {
    run(command("dpkg-deb").arg("--info").arg(deb))?;
    let field = |name: &str| -> Result<String, Failure> {
        let value = output(command("dpkg-deb").arg("--field").arg(deb).arg(name))?;
        Ok(value.trim_end().to_owned())
    };

    let package = field("Package")?;
    if package != config.binary_name {
        return Err(Failure::Check(format!(
            "Package is {package:?}, expected the binary name {:?}",
            config.binary_name
        )));
    }

    let architecture = field("Architecture")?;
    let host_architecture = output(command("dpkg").arg("--print-architecture"))?;
    if architecture != host_architecture.trim() {
        return Err(Failure::Check(format!(
            "Architecture is {architecture:?}, expected {:?}",
            host_architecture.trim()
        )));
    }

    let maintainer = field("Maintainer")?;
    if maintainer != config.publisher {
        return Err(Failure::Check(format!(
            "Maintainer is {maintainer:?}, expected bundle.publisher {:?} from tauri.conf.json",
            config.publisher
        )));
    }

    let description = field("Description")?;
    let mut description_lines = description.lines();
    let synopsis = description_lines.next().unwrap_or_default();
    if synopsis != config.short_description {
        return Err(Failure::Check(format!(
            "the Description synopsis is {synopsis:?}, expected bundle.shortDescription {:?}",
            config.short_description
        )));
    }
    if description_lines.all(|line| line.trim().is_empty()) {
        return Err(Failure::Check(
            "Description has no extended text; set bundle.longDescription".to_owned(),
        ));
    }

    let depends = field("Depends")?;
    let depended_on = dependency_names(&depends);
    for required in REQUIRED_DEPENDS {
        if !depended_on.contains(required) {
            return Err(Failure::Check(format!(
                "Depends ({depends}) lacks {required}"
            )));
        }
    }
    Ok(package)
}

/// Returns the package names in a Depends field without their version
/// constraints. Of alternatives (`a | b`) only the first counts, because
/// only a dependency that every install pulls in is a hard one.
fn dependency_names(depends: &str) -> Vec<&str> {
    depends
        .split(',')
        .filter_map(|dependency| dependency.split_whitespace().next())
        .collect()
}

/// Unpacks the package into `check_dir`/unpacked and checks that it ships
/// the binary as an executable file, the desktop entry and the icons.
fn check_contents(deb: &Path, check_dir: &Path, config: &AppConfig) -> Result<(), Failure> {
    // Unpacking avoids parsing `dpkg-deb --contents`, whose paths may
    // contain spaces and carry a "./" prefix or not, depending on how the
    // archive was written.
    let unpacked = crate::fresh_dir(&check_dir.join("unpacked"))?;
    run(command("dpkg-deb").arg("--extract").arg(deb).arg(&unpacked))?;
    run(command("dpkg-deb").arg("--contents").arg(deb))?;

    let binary = format!("usr/bin/{}", config.binary_name);
    let desktop_entry = format!("usr/share/applications/{}.desktop", config.product_name);
    let mut required = vec![binary.clone(), desktop_entry];
    for size in REQUIRED_ICON_SIZES {
        required.push(format!(
            "usr/share/icons/hicolor/{size}/apps/{}.png",
            config.binary_name
        ));
    }
    for path in &required {
        if !unpacked.join(path).is_file() {
            return Err(Failure::Check(format!("the .deb does not contain /{path}")));
        }
    }

    let mode = std::fs::metadata(unpacked.join(&binary))
        .map_err(|source| Failure::Io {
            path: unpacked.join(&binary),
            source,
        })?
        .permissions()
        .mode();
    if mode & 0o111 == 0 {
        return Err(Failure::Check(format!(
            "/{binary} in the .deb is not executable (mode {mode:o})"
        )));
    }
    Ok(())
}

/// Checks the installed desktop entry, then launches the app through it on
/// a virtual screen and saves a screenshot to `check_dir`/launched.png.
fn check_installed(
    root: &Path,
    check_dir: &Path,
    package: &str,
    config: &AppConfig,
) -> Result<(), Failure> {
    let installed = output(command("dpkg").args(["--listfiles", package]))?;
    let installed: Vec<&str> = installed.lines().collect();
    let entries: Vec<&str> = installed
        .iter()
        .copied()
        .filter(|path| path.starts_with("/usr/share/applications/") && path.ends_with(".desktop"))
        .collect();
    let [entry_path] = entries.as_slice() else {
        return Err(Failure::Check(format!(
            "{package} installed {} desktop entries, expected one: {entries:?}",
            entries.len()
        )));
    };
    println!("Desktop entry: {entry_path}");
    run(command("desktop-file-validate").arg(entry_path))?;

    let entry = read_file(Path::new(entry_path))?;
    let key = |name: &str| desktop_entry_value(&entry, name);
    if key("Type") != Some("Application") {
        return Err(Failure::Check(format!(
            "{entry_path}: Type is not Application"
        )));
    }
    if key("Name") != Some(config.product_name.as_str()) {
        return Err(Failure::Check(format!(
            "{entry_path}: Name is {:?}, expected {:?}",
            key("Name"),
            config.product_name
        )));
    }

    let exec =
        key("Exec").ok_or_else(|| Failure::Check(format!("{entry_path} has no Exec line")))?;
    println!("Exec={exec}");
    let executable = resolve_exec(exec)
        .ok_or_else(|| Failure::Check(format!("the program in Exec={exec} is not on PATH")))?;
    let expected = format!("/usr/bin/{}", config.binary_name);
    if executable != Path::new(&expected) || !installed.contains(&expected.as_str()) {
        return Err(Failure::Check(format!(
            "Exec={exec} runs {}, expected {expected} from {package}",
            executable.display()
        )));
    }

    let icon =
        key("Icon").ok_or_else(|| Failure::Check(format!("{entry_path} has no Icon line")))?;
    let icon_file = format!("/apps/{icon}.png");
    if !installed
        .iter()
        .any(|path| path.starts_with("/usr/share/icons/hicolor/") && path.ends_with(&icon_file))
    {
        return Err(Failure::Check(format!(
            "Icon={icon}, but {package} installed no hicolor icon of that name"
        )));
    }

    launch(root, check_dir, entry_path, &expected, config)
}

/// Launches the desktop entry with scripts/launch-desktop-entry.sh on a
/// virtual screen, inside a session bus of its own and with a throwaway
/// HOME, so nothing the app starts outlives the check or touches the user's
/// settings.
fn launch(
    root: &Path,
    check_dir: &Path,
    entry_path: &str,
    executable: &str,
    config: &AppConfig,
) -> Result<(), Failure> {
    let desktop_id = Path::new(entry_path)
        .file_stem()
        .expect("the entry path ends with .desktop")
        .to_os_string();
    let home = crate::fresh_dir(&check_dir.join("home"))?;
    let screenshot = check_dir.join("launched.png");
    let _ = std::fs::remove_file(&screenshot);

    println!("== Launching {entry_path} with gtk-launch under Xvfb");
    run(command("xvfb-run")
        .arg("--auto-servernum")
        .arg(format!("--server-args=-screen 0 {SCREEN}"))
        .args(["dbus-run-session", "--", "bash"])
        .arg(root.join("scripts/launch-desktop-entry.sh"))
        .arg(desktop_id)
        .arg(&config.product_name)
        .arg(executable)
        .arg(&screenshot)
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .current_dir(&home))?;

    if !screenshot.is_file() {
        return Err(Failure::Check(format!(
            "the launch check wrote no screenshot to {}",
            screenshot.display()
        )));
    }
    Ok(())
}

/// Removes the package and checks that its binary went with it.
fn remove(package: &str, config: &AppConfig) -> Result<(), Failure> {
    run(&mut packages::apt_get(&["remove", "-y", package]))?;
    let binary = PathBuf::from(format!("/usr/bin/{}", config.binary_name));
    if packages::is_installed(package) || binary.exists() {
        return Err(Failure::Check(format!(
            "{package} is still installed after apt-get remove"
        )));
    }
    Ok(())
}

/// Returns the value of `key` in the `[Desktop Entry]` group of a desktop
/// file, ignoring localized variants such as `Name[ru]`.
fn desktop_entry_value<'a>(entry: &'a str, key: &str) -> Option<&'a str> {
    let mut in_main_group = false;
    for line in entry.lines().map(str::trim) {
        if line.starts_with('[') {
            in_main_group = line == "[Desktop Entry]";
        } else if in_main_group {
            if let Some((name, value)) = line.split_once('=') {
                if name.trim() == key {
                    return Some(value.trim());
                }
            }
        }
    }
    None
}

/// Finds the program an Exec line runs: its first word, looked up on PATH
/// unless it is an absolute path. Exec lines with quoted program paths are
/// not handled and return `None`.
fn resolve_exec(exec: &str) -> Option<PathBuf> {
    let program = exec.split_whitespace().next()?;
    if program.starts_with('"') {
        return None;
    }
    if program.starts_with('/') {
        return Some(PathBuf::from(program));
    }
    which(program)
}

fn read_file(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|source| Failure::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn minutes(duration: Duration) -> String {
    let seconds = duration.as_secs();
    format!("{}:{:02} min", seconds / 60, seconds % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dependency_names_drop_versions() {
        let names = dependency_names("libc6 (>= 2.34), libgtk-3-0,libdbus-1-3 (>= 1.9.14)");
        assert_eq!(names, ["libc6", "libgtk-3-0", "libdbus-1-3"]);
    }

    #[test]
    fn dependency_names_keep_first_alternative() {
        let names = dependency_names("libwebkit2gtk-4.1-0 | libwebkitgtk-6.0-4, libgtk-3-0");
        assert_eq!(names, ["libwebkit2gtk-4.1-0", "libgtk-3-0"]);
    }

    #[test]
    fn desktop_entry_value_reads_main_group() {
        let entry = "[Desktop Entry]\n\
            Name[ru]=Профиль\n\
            Name=Gigma Profile\n\
            Exec = gigma-profile\n\
            [Desktop Action Demo]\n\
            Exec=gigma-profile --demo\n\
            Icon=other\n";
        assert_eq!(desktop_entry_value(entry, "Name"), Some("Gigma Profile"));
        assert_eq!(desktop_entry_value(entry, "Exec"), Some("gigma-profile"));
        assert_eq!(desktop_entry_value(entry, "Icon"), None);
    }

    #[test]
    fn resolve_exec_takes_absolute_program() {
        assert_eq!(
            resolve_exec("/usr/bin/gigma-profile %U"),
            Some(PathBuf::from("/usr/bin/gigma-profile"))
        );
        assert_eq!(resolve_exec("\"/opt/Gigma Profile/app\""), None);
        assert_eq!(resolve_exec(""), None);
    }
}
