//! Secrets kept in the OS keychain, behind a trait so unit tests can use an
//! in-memory store.

use std::collections::HashMap;
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
        const PROBE_ENTRY: &str = "persistence probe";
        let probe = format!("probe {}", std::process::id());

        self.set(PROBE_ENTRY, &probe)?;
        let read_back = self.get(PROBE_ENTRY);
        let _ = self.delete(PROBE_ENTRY);

        match read_back? {
            Some(value) if value == probe => Ok(()),
            _ => Err(SecretError {
                entry: PROBE_ENTRY.to_owned(),
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
