//! Chinese script conversion engine (work in progress: see issue 3).
