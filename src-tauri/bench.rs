//! Start-up milestones for `scripts/bench-app.sh`.
//!
//! With `GIGMA_BENCH_MILESTONES=1` the app prints one line per milestone to
//! standard error, `gigma-bench NAME UNIX_SECONDS [VALUE]`, where the time
//! is the system clock when the line is written, in seconds with six
//! decimals. The UI
//! reports the milestones it reaches (first paint, card shown, round trips)
//! through the `bench_milestone` command, which the window may call only
//! while the variable is set: the permission is added at run time, not in
//! `capabilities/default.json`. Without the variable nothing is printed and
//! the command is rejected by Tauri's access control.

use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use tauri::ipc::CapabilityBuilder;
use tauri::{Manager, Runtime};

use crate::error::CommandError;

/// The environment variable that turns the milestones on when set to `1`.
pub const VARIABLE: &str = "GIGMA_BENCH_MILESTONES";

/// Maximum length of a milestone name from the UI, so a page cannot flood stderr.
const MAX_NAME_LEN: usize = 40;

/// Returns whether milestones are printed. The variable is read on the first call.
pub fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os(VARIABLE).is_some_and(|value| value == "1"))
}

/// Prints the milestone `name`, with an optional measured `value`, when
/// milestones are on.
pub fn milestone(name: &str, value: Option<f64>) {
    if !enabled() {
        return;
    }
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let seconds = now.as_secs();
    let micros = now.subsec_micros();
    match value {
        Some(value) => eprintln!("gigma-bench {name} {seconds}.{micros:06} {value}"),
        None => eprintln!("gigma-bench {name} {seconds}.{micros:06}"),
    }
}

/// Checks that `name` is 1 to 40 lower-case ASCII letters, digits or `_`.
pub fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_NAME_LEN
        && name
            .bytes()
            .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'_')
}

/// Lets the main window call `bench_milestone`. Called at start-up only
/// when milestones are on.
pub fn allow_milestone_command<R: Runtime, M: Manager<R>>(manager: &M) -> tauri::Result<()> {
    manager.add_capability(
        CapabilityBuilder::new("bench-milestones")
            .window("main")
            .permission("allow-bench-milestone"),
    )
}

/// Prints a milestone the UI reached. `value` is a measurement the UI took,
/// such as a round trip in milliseconds.
#[tauri::command]
pub async fn bench_milestone(name: String, value: Option<f64>) -> Result<(), CommandError> {
    if !enabled() {
        return Err(CommandError::BenchDisabled);
    }
    if !is_valid_name(&name) || value.is_some_and(|value| !value.is_finite()) {
        return Err(CommandError::InvalidMilestone);
    }
    milestone(&name, value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milestone_names_are_checked() {
        assert!(is_valid_name("first_paint"));
        assert!(is_valid_name("round_trip2"));
        assert!(!is_valid_name(""));
        assert!(!is_valid_name("card shown"));
        assert!(!is_valid_name("card\nshown"));
        assert!(!is_valid_name("Card"));
        assert!(!is_valid_name(&"a".repeat(MAX_NAME_LEN + 1)));
    }
}
