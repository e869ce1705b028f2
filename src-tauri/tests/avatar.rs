//! Changing the avatar through the commands, against the sandbox: pick,
//! preview, save, retry after a failed attach, remove, and show.
//!
//! The photo comes from `GIGMA_TEST_AVATAR_FILE`, which debug builds use in
//! place of the native dialog. Every test here sets it to the same file, so
//! running them in parallel is safe.

mod support;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use gigma_sandbox::Fault;
use serde_json::{json, Value};
use support::{shop_for, sign_in, start_sandbox, Machine};

/// Returns the path of a file in the repository's public test images.
fn test_image(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/images")
        .join(relative)
}

fn use_photo() {
    // Safe: every test in this binary sets the same value.
    std::env::set_var(
        "GIGMA_TEST_AVATAR_FILE",
        test_image("exif-orientation/Landscape_6.jpg"),
    );
}

fn is_image(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xFF\xD8\xFF") || bytes.starts_with(b"\x89PNG")
}

#[test]
fn pick_save_show_and_remove() {
    use_photo();
    let sandbox = start_sandbox();
    let machine = Machine::new();
    let app = machine.start(shop_for(&sandbox));
    sign_in(&app);

    let picked = app.ok("pick_avatar", json!({}));
    assert_eq!(picked["file_name"], json!("Landscape_6.jpg"));
    assert!(
        picked["width"].as_u64().unwrap() > picked["height"].as_u64().unwrap(),
        "upright landscape: {picked}"
    );
    let preview = app.bytes("avatar_preview", json!({}));
    assert!(is_image(&preview), "the preview is an encoded image");

    let size = picked["height"].as_u64().unwrap();
    let counterparty = app.ok(
        "save_avatar",
        json!({"crop": {"x": 0, "y": 0, "size": size}}),
    );
    let avatar_id = counterparty["avatar"]["id"]
        .as_u64()
        .expect("the profile has an avatar");
    assert_eq!(sandbox.store().file_count(), 1);

    let shown = app.bytes("avatar_image", json!({}));
    assert!(is_image(&shown));
    let downloads = sandbox
        .store()
        .requests()
        .iter()
        .filter(|r| r.path.starts_with("/storage/"))
        .count();
    assert_eq!(
        downloads, 0,
        "the new avatar is shown from the cache, {avatar_id}"
    );

    let removed = app.ok("remove_avatar", json!({}));
    assert_eq!(removed["avatar"], Value::Null);
    assert!(app.bytes("avatar_image", json!({})).is_empty());
}

#[test]
fn retry_after_failed_attach_reuses_upload() {
    use_photo();
    let sandbox = start_sandbox();
    let app = Machine::new().start(shop_for(&sandbox));
    sign_in(&app);
    app.ok("pick_avatar", json!({}));

    for _ in 0..3 {
        sandbox.store().inject_fault(
            "PUT /counterparty",
            Fault::json(503, json!({"message": "down"})),
        );
    }
    let error = app.error("save_avatar", json!({"crop": null}));
    assert_eq!(error["kind"], json!("server"));
    assert_eq!(sandbox.store().file_count(), 1);

    let counterparty = app.ok("save_avatar", json!({"crop": null}));
    assert!(counterparty["avatar"]["id"].is_u64());
    assert_eq!(
        sandbox.store().file_count(),
        1,
        "the retry must not upload again"
    );
}

/// How long the sandbox delays a response, so that a photo can be dropped
/// while a save waits for it. Opening the photo took up to 2.5 s in debug
/// builds on a busy 2-core machine.
const SLOW_ANSWER: Duration = Duration::from_secs(8);

/// Runs `save_avatar` on another thread and returns its result. Meanwhile,
/// as soon as the sandbox has received `route`, whose response the caller
/// delayed, it opens the same file again as a drop would.
fn save_while_a_photo_is_dropped(
    app: &support::TestApp,
    sandbox: &gigma_sandbox::Sandbox,
    route: &str,
) -> Result<Value, Value> {
    std::thread::scope(|scope| {
        let webview = app.webview();
        let save = scope
            .spawn(move || support::invoke_json_on(&webview, "save_avatar", json!({"crop": null})));

        let (method, path) = route.split_once(' ').unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        while !sandbox
            .store()
            .requests()
            .iter()
            .any(|request| request.method == method && request.path == path)
        {
            assert!(Instant::now() < deadline, "the save never sent {route}");
            std::thread::sleep(Duration::from_millis(20));
        }
        app.ok("pick_avatar", json!({}));
        assert!(
            !save.is_finished(),
            "the photo was dropped after the save ended; raise SLOW_ANSWER"
        );

        save.join().expect("the save thread panicked")
    })
}

#[test]
fn drop_during_upload_uploads_again() {
    use_photo();
    let sandbox = start_sandbox();
    let app = Machine::new().start(shop_for(&sandbox));
    sign_in(&app);
    app.ok("pick_avatar", json!({}));

    // The upload responds late with a file id the shop does not know, so
    // attaching it fails. That id must stay with the first photo.
    sandbox.store().inject_fault(
        "POST /counterparty/files",
        Fault {
            delay: SLOW_ANSWER,
            ..Fault::json(201, json!({"file": {"id": 4242}}))
        },
    );
    let error = save_while_a_photo_is_dropped(&app, &sandbox, "POST /counterparty/files")
        .expect_err("attaching an unknown file fails");
    assert_eq!(error["kind"], json!("validation"));
    assert_eq!(sandbox.store().file_count(), 0);

    let counterparty = app.ok("save_avatar", json!({"crop": null}));
    assert_eq!(
        sandbox.store().file_count(),
        1,
        "the dropped photo is uploaded, not given the first one's file id"
    );
    assert_ne!(counterparty["avatar"]["id"], json!(4242));
}

#[test]
fn drop_during_save_keeps_photo() {
    use_photo();
    let sandbox = start_sandbox();
    let app = Machine::new().start(shop_for(&sandbox));
    let mut counterparty = sign_in(&app);
    app.ok("pick_avatar", json!({}));

    // The attach responds late, with the profile as the sandbox has it.
    counterparty["avatar"] = json!({"id": 1});
    sandbox.store().inject_fault(
        "PUT /counterparty",
        Fault {
            delay: SLOW_ANSWER,
            ..Fault::json(200, json!({ "counterparty": counterparty }))
        },
    );
    save_while_a_photo_is_dropped(&app, &sandbox, "PUT /counterparty")
        .expect("the first photo is saved");

    let preview = app.bytes("avatar_preview", json!({}));
    assert!(
        is_image(&preview),
        "the dropped photo is still there for its crop view"
    );
}

#[test]
fn avatar_from_server_is_downloaded_and_cached() {
    use_photo();
    let sandbox = start_sandbox();
    let machine = Machine::new();
    let first = machine.start(shop_for(&sandbox));
    sign_in(&first);
    first.ok("pick_avatar", json!({}));
    first.ok("save_avatar", json!({"crop": null}));
    drop(first);

    // Another computer: same account, nothing cached.
    let other = Machine::new().start(shop_for(&sandbox));
    sign_in(&other);
    let shown = other.bytes("avatar_image", json!({}));
    assert!(is_image(&shown));
    let downloads = || {
        sandbox
            .store()
            .requests()
            .iter()
            .filter(|r| r.path.starts_with("/storage/"))
            .count()
    };
    assert_eq!(downloads(), 1);

    other.bytes("avatar_image", json!({}));
    assert_eq!(downloads(), 1, "the second time comes from the cache");
}

#[test]
fn sign_out_clears_cached_avatars() {
    use_photo();
    let sandbox = start_sandbox();
    let machine = Machine::new();
    let app = machine.start(shop_for(&sandbox));
    sign_in(&app);
    app.ok("pick_avatar", json!({}));
    app.ok("save_avatar", json!({"crop": null}));
    let avatars = machine.dir.join("data/avatars");
    assert_eq!(std::fs::read_dir(&avatars).unwrap().count(), 1);

    app.ok("sign_out", json!({"all_devices": false}));
    assert_eq!(std::fs::read_dir(&avatars).unwrap().count(), 0);
}

#[test]
fn save_without_photo_is_not_found() {
    let sandbox = start_sandbox();
    let app = Machine::new().start(shop_for(&sandbox));
    sign_in(&app);

    assert_eq!(
        app.error("save_avatar", json!({"crop": null})),
        json!({"kind": "not_found"})
    );
}

/// Opens `bytes` as a photo the way a drop does, returning the IPC error.
fn open_bytes(name: &str, bytes: &[u8]) -> Value {
    let dir = std::env::temp_dir().join(format!("gigma-photo-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();

    let state = gigma_profile::state::AppState::new(
        gigma_profile::settings::ShopDefaults::none(),
        &dir.join("config"),
        &dir.join("data"),
        std::sync::Arc::new(gigma_profile::secrets::MemoryStore::default()),
        false,
    );
    let outcome =
        tauri::async_runtime::block_on(gigma_profile::commands::avatar::open_photo(&state, &path));
    serde_json::to_value(outcome.expect_err("the photo must be rejected")).unwrap()
}

#[test]
fn rejected_photos_say_why() {
    let text = open_bytes("notes.jpg", b"this is a text file with a photo's name");
    assert_eq!(text["kind"], json!("photo_rejected"));
    assert_eq!(text["problem"], json!("unsupported_format"));
    assert_eq!(text["supported"], json!("JPEG, PNG, WebP, GIF"));

    let photo = std::fs::read(test_image("exif-orientation/Landscape_1.jpg")).unwrap();
    let truncated = open_bytes("cut.jpg", &photo[..photo.len() / 3]);
    assert_eq!(truncated["problem"], json!("corrupt"));

    let mut huge = photo.clone();
    huge.resize(26 * 1024 * 1024, 0);
    let too_large = open_bytes("huge.jpg", &huge);
    assert_eq!(too_large["problem"], json!("too_large"));
    assert_eq!(too_large["limit"], json!(25 * 1024 * 1024));
}

#[test]
fn export_writes_profile_and_avatar() {
    use_photo();
    let folder = std::env::temp_dir().join(format!("gigma-export-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    // Safe: this is the only test that reads the variable.
    std::env::set_var("GIGMA_TEST_EXPORT_DIR", &folder);

    let sandbox = start_sandbox();
    let app = Machine::new().start(shop_for(&sandbox));
    sign_in(&app);
    app.ok("pick_avatar", json!({}));
    app.ok("save_avatar", json!({"crop": null}));

    let exported = app.ok("export_profile", json!({}));
    assert_eq!(
        exported["files"],
        json!(["gigma-profile-1.json", "gigma-profile-1-avatar.jpg"])
    );

    let profile: Value =
        serde_json::from_slice(&std::fs::read(folder.join("gigma-profile-1.json")).unwrap())
            .unwrap();
    assert_eq!(profile["last_name"], json!("Петров"));
    assert!(is_image(
        &std::fs::read(folder.join("gigma-profile-1-avatar.jpg")).unwrap()
    ));
}
