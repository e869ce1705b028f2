//! The OS keychain for real: these tests need a running, unlocked Secret
//! Service on the session bus. `cargo xtask test` starts gnome-keyring
//! inside `dbus-run-session` and runs them with `--ignored`.

mod support;

use std::sync::Arc;

use gigma_profile::secrets::{KeyringStore, SecretStore};
use serde_json::{json, Value};
use support::{shop_for, sign_in, start_sandbox, Machine};

#[test]
#[ignore = "needs an unlocked Secret Service; run by cargo xtask test"]
fn keyring_store_round_trip() {
    let store = KeyringStore;
    let entry = format!("test entry {}", std::process::id());

    store
        .check_persistence()
        .expect("the Secret Service keeps secrets");
    assert_eq!(store.get(&entry).unwrap(), None);

    store.set(&entry, "пароль 1|abc").unwrap();
    assert_eq!(store.get(&entry).unwrap().as_deref(), Some("пароль 1|abc"));

    store.delete(&entry).unwrap();
    assert_eq!(store.get(&entry).unwrap(), None);
    store
        .delete(&entry)
        .expect("deleting a missing entry is not an error");
}

#[test]
#[ignore = "needs an unlocked Secret Service; run by cargo xtask test"]
fn restart_keeps_customer_signed_in() {
    let sandbox = start_sandbox();
    let machine = Machine::with_secrets(Arc::new(KeyringStore));

    let first_run = machine.start(shop_for(&sandbox));
    assert_eq!(first_run.ok("keychain_status", json!({})), json!(true));
    let counterparty = sign_in(&first_run);
    drop(first_run);

    let second_run = machine.start(shop_for(&sandbox));
    let restored = second_run.ok("restore_session", json!({}));
    assert_eq!(restored["counterparty"], counterparty);
    assert_eq!(
        second_run.ok("load_counterparty", json!({}))["id"],
        json!(1)
    );

    second_run.ok("sign_out", json!({"all_devices": false}));
    drop(second_run);
    let third_run = machine.start(shop_for(&sandbox));
    assert_eq!(third_run.ok("restore_session", json!({})), Value::Null);
}
