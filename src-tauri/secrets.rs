//! Secrets kept in the OS keychain, behind a trait so unit tests can use an
//! in-memory store.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// The keychain service name every entry of the app is filed under.
const SERVICE: &str = "ru.gigma.profile";

#[derive(Debug, thiserror::Error)]
#[error("keychain entry {entry:?}: {detail}")]
pub struct SecretError {
    pub entry: String,
    pub detail: String,
}

/// Where secrets live. Entries are named by the caller, such as
/// `app-token https://api.gigma.ru/api/`.
pub trait SecretStore: Send + Sync {
    fn get(&self, entry: &str) -> Result<Option<String>, SecretError>;
    fn set(&self, entry: &str, secret: &str) -> Result<(), SecretError>;
    fn delete(&self, entry: &str) -> Result<(), SecretError>;

    /// Checks that a secret written now can be read back by a later lookup.
    ///
    /// `keyring` quietly falls back to an in-memory mock when no platform
    /// store is compiled in, and a locked or missing Secret Service fails
    /// only when used, so the app asks once at start-up instead of trusting
    /// that the store works.
    fn check_persistence(&self) -> Result<(), SecretError> {
        // One entry per check. Two checks that shared an entry, in two
        // running copies of the app or in two threads, could delete each
        // other's probe and report a working keychain as unavailable.
        static CHECKS: AtomicUsize = AtomicUsize::new(0);
        let check = CHECKS.fetch_add(1, Ordering::Relaxed);
        let entry = format!("persistence probe {} {check}", std::process::id());
        let probe = format!("probe {check}");

        self.set(&entry, &probe)?;
        let read_back = self.get(&entry);
        let _ = self.delete(&entry);

        match read_back? {
            Some(value) if value == probe => Ok(()),
            _ => Err(SecretError {
                entry,
                detail: "a secret written to the store could not be read back".to_owned(),
            }),
        }
    }
}

/// The OS keychain: Keychain on macOS, Credential Manager on Windows,
/// Secret Service on Linux.
pub struct KeyringStore;

impl KeyringStore {
    fn entry(entry: &str) -> Result<keyring::Entry, SecretError> {
        keyring::Entry::new(SERVICE, entry).map_err(|error| SecretError {
            entry: entry.to_owned(),
            detail: error.to_string(),
        })
    }
}

impl SecretStore for KeyringStore {
    fn get(&self, entry: &str) -> Result<Option<String>, SecretError> {
        match Self::entry(entry)?.get_password() {
            Ok(secret) => Ok(Some(secret)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(SecretError {
                entry: entry.to_owned(),
                detail: error.to_string(),
            }),
        }
    }

    fn set(&self, entry: &str, secret: &str) -> Result<(), SecretError> {
        Self::entry(entry)?
            .set_password(secret)
            .map_err(|error| SecretError {
                entry: entry.to_owned(),
                detail: error.to_string(),
            })
    }

    fn delete(&self, entry: &str) -> Result<(), SecretError> {
        match Self::entry(entry)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(error) => Err(SecretError {
                entry: entry.to_owned(),
                detail: error.to_string(),
            }),
        }
    }
}

/// A store that forgets everything when the app closes; for tests.
#[derive(Default)]
pub struct MemoryStore {
    secrets: Mutex<HashMap<String, String>>,
}

impl SecretStore for MemoryStore {
    fn get(&self, entry: &str) -> Result<Option<String>, SecretError> {
        Ok(self
            .secrets
            .lock()
            .expect("secret map lock")
            .get(entry)
            .cloned())
    }

    fn set(&self, entry: &str, secret: &str) -> Result<(), SecretError> {
        self.secrets
            .lock()
            .expect("secret map lock")
            .insert(entry.to_owned(), secret.to_owned());
        Ok(())
    }

    fn delete(&self, entry: &str) -> Result<(), SecretError> {
        self.secrets.lock().expect("secret map lock").remove(entry);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concurrent_persistence_checks_all_pass() {
        // Checks that shared one probe entry deleted each other's probe now
        // and then; with several threads racing, some check would fail.
        let store = MemoryStore::default();
        let start = std::sync::Barrier::new(4);

        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    start.wait();
                    for _ in 0..5_000 {
                        store.check_persistence().expect("the probe reads back");
                    }
                });
            }
        });

        assert!(
            store.secrets.lock().unwrap().is_empty(),
            "every probe is deleted"
        );
    }
}
