//! Logging: to standard error, to daily files in the OS log folder, and a
//! short memory of recent warnings for the diagnostics report.
//!
//! Nothing here redacts: the code never logs a token, and logs phone
//! numbers and e-mail addresses only through `gigma_api::redact`.

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// Log levels when `GIGMA_LOG` is not set: our crates at info, the HTTP
/// stack and the sandbox quieter, because their per-request lines drown the
/// app's own.
const DEFAULT_FILTER: &str = "warn,gigma_profile=info,gigma_api=info,gigma_sandbox=warn";

/// Daily files kept; older ones are deleted as new days start.
const KEPT_LOG_FILES: usize = 7;

/// Warnings and errors kept for the diagnostics report.
const RECENT_EVENTS: usize = 20;

/// The app's identifier, which names its folders on every system.
const IDENTIFIER: &str = "ru.gigma.profile";

static RECENT: OnceLock<Arc<Mutex<VecDeque<String>>>> = OnceLock::new();

/// Starts logging. The returned guard flushes the log file when dropped,
/// so `run` keeps it until the app exits.
pub fn init() -> Option<WorkerGuard> {
    let filter =
        || EnvFilter::try_from_env("GIGMA_LOG").unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let recent = RECENT.get_or_init(Default::default).clone();

    let stderr = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_filter(filter());

    let (file, guard) = match log_dir().map(file_appender) {
        Some(Ok(appender)) => {
            let (writer, guard) = tracing_appender::non_blocking(appender);
            let layer = tracing_subscriber::fmt::layer()
                .with_writer(writer)
                .with_ansi(false)
                .with_filter(filter());
            (Some(layer), Some(guard))
        }
        Some(Err(error)) => {
            eprintln!(
                "gigma-profile: logging to standard error only, the log folder failed: {error}"
            );
            (None, None)
        }
        None => (None, None),
    };

    tracing_subscriber::registry()
        .with(stderr)
        .with(file)
        .with(RecentEvents { events: recent }.with_filter(filter()))
        .init();
    guard
}

fn file_appender(dir: PathBuf) -> Result<RollingFileAppender, Box<dyn std::error::Error>> {
    // The builder prunes old files before it creates the folder, and on a
    // first start it would print an error about the missing folder.
    std::fs::create_dir_all(&dir)?;

    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix("gigma-profile")
        .filename_suffix("log")
        .max_log_files(KEPT_LOG_FILES)
        .build(dir)?;
    Ok(appender)
}

/// The OS log folder, the same one Tauri's `app_log_dir` names:
/// `~/Library/Logs/<id>` on macOS, `<local data>/<id>/logs` elsewhere.
pub fn log_dir() -> Option<PathBuf> {
    if cfg!(target_os = "macos") {
        return dirs::home_dir().map(|home| home.join("Library/Logs").join(IDENTIFIER));
    }
    dirs::data_local_dir().map(|dir| dir.join(IDENTIFIER).join("logs"))
}

/// The latest warnings and errors, oldest first.
pub fn recent_events() -> Vec<String> {
    RECENT
        .get()
        .map(|events| {
            events
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .iter()
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

/// A layer that keeps the last few warnings and errors in memory.
struct RecentEvents {
    events: Arc<Mutex<VecDeque<String>>>,
}

impl<S: Subscriber> Layer<S> for RecentEvents {
    fn on_event(&self, event: &Event<'_>, _context: Context<'_, S>) {
        let level = *event.metadata().level();
        if level > Level::WARN {
            return;
        }

        let mut line = format!(
            "{} {level} {}:",
            chrono::Utc::now().format("%Y-%m-%d %H:%M:%S"),
            event.metadata().target()
        );
        event.record(&mut FieldWriter(&mut line));

        let mut events = self
            .events
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if events.len() == RECENT_EVENTS {
            events.pop_front();
        }
        events.push_back(line);
    }
}

struct FieldWriter<'a>(&'a mut String);

impl Visit for FieldWriter<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            let _ = write!(self.0, " {value:?}");
        } else {
            let _ = write!(self.0, " {}={value:?}", field.name());
        }
    }
}
