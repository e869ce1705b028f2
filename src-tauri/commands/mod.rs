//! The commands the UI calls, split by concern. Each is a thin layer over
//! the API client and the app state: it calls them and returns data or a
//! [`CommandError`](crate::error::CommandError).

pub mod app;
pub mod avatar;
pub mod counterparty;
pub mod demo;
pub mod draft;
pub mod extras;
pub mod session;
pub mod sign_in;
