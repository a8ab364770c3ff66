//! Why an article could not be shown. Pure data, shared by the component and the embed.

use std::fmt;

use article_model::Problem;

/// A failure to load or read an article.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// The embed was given options it cannot use (bad `src`, unknown option, …).
    Options(String),
    /// The request did not complete (offline, DNS, CORS refused, …).
    Network(String),
    /// No response within the timeout.
    Timeout { ms: u32 },
    /// The server answered with a non-2xx status (and, for 429/503, perhaps a `Retry-After`
    /// in seconds).
    Http {
        status: u16,
        status_text: String,
        retry_after: Option<u32>,
    },
    /// The response is larger than the limit.
    TooLarge { limit: u32 },
    /// The response is not UTF-8 text.
    NotText,
    /// The document is not a valid article v1.
    Invalid(Vec<Problem>),
    /// The load was abandoned (the widget was unmounted or given a new `src`).
    Cancelled,
}

impl LoadError {
    /// One example of every variant (for documentation checks and tests).
    pub fn examples() -> Vec<LoadError> {
        vec![
            LoadError::Options(String::new()),
            LoadError::Network(String::new()),
            LoadError::Timeout { ms: 1 },
            LoadError::Http {
                status: 404,
                status_text: String::new(),
                retry_after: None,
            },
            LoadError::TooLarge { limit: 1 },
            LoadError::NotText,
            LoadError::Invalid(Vec::new()),
            LoadError::Cancelled,
        ]
    }

    /// A stable machine-readable name, used in `article-widget:error` events.
    pub fn kind(&self) -> &'static str {
        match self {
            LoadError::Options(_) => "options",
            LoadError::Network(_) => "network",
            LoadError::Timeout { .. } => "timeout",
            LoadError::Http { .. } => "http",
            LoadError::TooLarge { .. } => "too-large",
            LoadError::NotText => "not-text",
            LoadError::Invalid(_) => "invalid",
            LoadError::Cancelled => "cancelled",
        }
    }

    /// Whether trying again may help (a retry button is offered).
    pub fn retryable(&self) -> bool {
        match self {
            LoadError::Network(_) | LoadError::Timeout { .. } => true,
            LoadError::Http { status, .. } => *status >= 500 || *status == 408 || *status == 429,
            _ => false,
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Options(m) => write!(f, "invalid options: {m}"),
            LoadError::Network(m) => write!(f, "network error: {m}"),
            LoadError::Timeout { ms } => write!(f, "no response within {ms} ms"),
            LoadError::Http {
                status,
                status_text,
                ..
            } => {
                write!(f, "the server answered HTTP {status}")?;
                if !status_text.is_empty() {
                    write!(f, " {status_text}")?;
                }
                Ok(())
            }
            LoadError::TooLarge { limit } => {
                write!(f, "the article is larger than the limit of {limit} bytes")
            }
            LoadError::NotText => f.write_str("the response is not UTF-8 text"),
            LoadError::Cancelled => f.write_str("the load was cancelled"),
            LoadError::Invalid(problems) => {
                write!(f, "the article document is not valid:")?;
                for p in problems {
                    write!(f, "\n{p}")?;
                }
                Ok(())
            }
        }
    }
}
