//! The commands the UI calls, split by concern. Each is a thin layer over
//! the API client: it reads the state, calls the client and returns data or
//! a [`CommandError`](crate::error::CommandError).

pub mod app;
pub mod counterparty;
pub mod session;
