//! The thin Yew layer: state, one component per file. It turns core results into words.

pub mod app;
pub mod components;
pub mod events;
pub mod known_secret;
pub mod state;
pub mod webcrypto;
pub mod workshop_client;
