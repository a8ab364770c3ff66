//! Why an article could not be shown. Pure data, shared by the component and the embed.

use std::fmt;

use article_model::Problem;

use crate::labels::Labels;

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

impl LoadError {
    /// The message shown to the reader, in the widget's language (`Display` is the English
    /// developer message of events and the console).
    pub fn localized(&self, l: &Labels) -> String {
        match self {
            LoadError::Options(_) => l.error_options.to_owned(),
            LoadError::Network(_) => l.error_network.to_owned(),
            LoadError::Timeout { ms } => l.error_timeout.replace("{ms}", &ms.to_string()),
            LoadError::Http { status, .. } => l.error_http.replace("{status}", &status.to_string()),
            LoadError::TooLarge { limit } => {
                l.error_too_large.replace("{limit}", &limit.to_string())
            }
            LoadError::NotText => l.error_not_text.to_owned(),
            LoadError::Invalid(_) => l.error_invalid.to_owned(),
            LoadError::Cancelled => l.error_cancelled.to_owned(),
        }
    }

    /// Technical detail worth showing under the message, in English (it names fields, JSON
    /// paths and browser errors): the options problem, the network error, the HTTP status
    /// text, every problem of an invalid document.
    pub fn detail(&self) -> Option<String> {
        let detail = match self {
            LoadError::Options(m) | LoadError::Network(m) => m.clone(),
            LoadError::Http { status_text, .. } => status_text.clone(),
            LoadError::Invalid(problems) => problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
            _ => String::new(),
        };
        (!detail.trim().is_empty()).then_some(detail)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::{EN, ZH_HANS, ZH_HANT};

    #[test]
    fn every_error_reads_in_every_language_with_its_numbers() {
        for l in [&ZH_HANT, &ZH_HANS, &EN] {
            for e in LoadError::examples() {
                let m = e.localized(l);
                assert!(
                    !m.is_empty() && !m.contains('{'),
                    "{}: {e:?} -> {m}",
                    l.lang
                );
            }
        }
        let http = LoadError::Http {
            status: 503,
            status_text: "Service Unavailable".into(),
            retry_after: None,
        };
        assert_eq!(http.localized(&ZH_HANT), "伺服器回應 HTTP 503。");
        assert_eq!(http.detail().as_deref(), Some("Service Unavailable"));
        assert_eq!(
            LoadError::Timeout { ms: 2000 }.localized(&ZH_HANS),
            "2000 毫秒内没有响应。"
        );
        assert_eq!(
            LoadError::TooLarge { limit: 9 }.localized(&EN),
            "The article is larger than the limit of 9 bytes."
        );
        assert_eq!(LoadError::NotText.detail(), None);
    }
}
