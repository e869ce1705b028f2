//! Personal data and secrets never reach the logs or the files the app
//! leaves behind: a whole session runs with every crate logging at TRACE,
//! then the output and the app's folders are searched.

mod support;

use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex};

use serde_json::json;
use support::{shop_for, sign_in, start_sandbox, Machine};
use tracing_subscriber::fmt::MakeWriter;

/// Collects everything the subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

/// Every file under `dir`, with its contents.
fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return files;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else if let Ok(contents) = std::fs::read(&path) {
            files.push((path.display().to_string(), contents));
        }
    }
    files
}

#[test]
fn session_leaves_no_personal_data_behind() {
    let captured = Captured::default();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(captured.clone())
        .with_ansi(false)
        .init();

    let sandbox = start_sandbox();
    let machine = Machine::new();
    let app = machine.start(shop_for(&sandbox));

    sign_in(&app);
    app.ok(
        "update_counterparty",
        json!({"changes": {"email": "leak.check@example.ru"}}),
    );
    app.ok("load_counterparty", json!({}));
    app.ok("sign_out", json!({"all_devices": false}));
    drop(app);

    let token = sandbox
        .store()
        .requests()
        .iter()
        .find_map(|request| request.headers.get("authorization").cloned())
        .and_then(|header| header.strip_prefix("Bearer ").map(str::to_owned))
        .expect("the app sent its token");
    let (_, token_secret) = token.split_once('|').unwrap();

    let secrets = [
        ("token secret", token_secret),
        ("phone", "79999999990"),
        ("phone without country code", "9999999990"),
        ("old e-mail", "support@itecho.ru"),
        ("new e-mail", "leak.check@example.ru"),
    ];

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        log.contains("signed in by code"),
        "the log was captured:\n{log}"
    );
    for (what, value) in secrets {
        assert!(
            !log.contains(value),
            "the {what} appears in the log:\n{log}"
        );
    }

    for (path, contents) in files_under(&machine.dir) {
        let text = String::from_utf8_lossy(&contents);
        for (what, value) in secrets {
            assert!(!text.contains(value), "the {what} appears in {path}");
        }
    }
}
