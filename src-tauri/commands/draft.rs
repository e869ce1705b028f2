//! The edit form's unsaved values, kept so they survive a restart or a
//! crash. A draft is removed after a successful save and at sign-out.

use serde::{Deserialize, Serialize};
use tauri::State;

use crate::error::CommandError;
use crate::state::{lock, AppState};

/// The most characters a draft may hold in all: generous for four fields,
/// and a bound on what a misbehaving page can make the app write to disk.
const MAX_DRAFT_CHARS: usize = 20_000;

/// The form as typed, with the customer it belongs to, so a draft is never
/// applied to another account.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Draft {
    pub counterparty_id: u64,
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub address: String,
}

impl Draft {
    fn char_count(&self) -> usize {
        [
            &self.first_name,
            &self.last_name,
            &self.email,
            &self.address,
        ]
        .iter()
        .map(|text| text.chars().count())
        .sum()
    }
}

#[tauri::command]
pub async fn save_draft(state: State<'_, AppState>, draft: Draft) -> Result<(), CommandError> {
    if draft.char_count() > MAX_DRAFT_CHARS {
        return Err(CommandError::DraftTooLarge {
            max_chars: MAX_DRAFT_CHARS,
        });
    }
    let session = state.session()?;

    let Some(key) = session.shop.key else {
        *lock(&state.demo_draft) = Some(serde_json::to_value(&draft).expect("a draft serialises"));
        return Ok(());
    };
    state.drafts.save(&key, &draft).map_err(|error| {
        tracing::warn!(%error, "could not save the draft");
        CommandError::SettingsIo {
            detail: error.to_string(),
        }
    })
}

/// The draft of the signed-in customer, if there is one.
#[tauri::command]
pub async fn load_draft(state: State<'_, AppState>) -> Result<Option<Draft>, CommandError> {
    let session = state.session()?;

    let draft: Option<Draft> = match session.shop.key {
        Some(key) => state.drafts.load(&key),
        None => lock(&state.demo_draft)
            .clone()
            .and_then(|value| serde_json::from_value(value).ok()),
    };
    Ok(draft)
}

#[tauri::command]
pub async fn discard_draft(state: State<'_, AppState>) -> Result<(), CommandError> {
    let session = state.session()?;

    lock(&state.demo_draft).take();
    if let Some(key) = session.shop.key {
        state.drafts.remove(&key).map_err(|error| {
            tracing::warn!(%error, "could not remove the draft");
            CommandError::SettingsIo {
                detail: error.to_string(),
            }
        })?;
    }
    Ok(())
}
