//! Plays the user's browser in the OAuth tests: opens the authorization
//! URL, follows redirects by hand, submits the consent page's Allow or Deny
//! form as a browser would (every field of that form, the button's own
//! name and value included), and ends on the page the loopback listener
//! shows.

use regex::Regex;
use url::Url;

/// What the user clicks on a consent page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Allow,
    Deny,
}

impl Choice {
    fn value(self) -> &'static str {
        match self {
            Choice::Allow => "allow",
            Choice::Deny => "deny",
        }
    }
}

/// The last page the browser showed.
#[derive(Debug)]
pub struct Page {
    pub url: Url,
    pub status: u16,
    pub body: String,
}

pub struct Browser {
    http: reqwest::Client,
}

impl Browser {
    pub fn new() -> Browser {
        Browser {
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .no_proxy()
                .build()
                .unwrap(),
        }
    }

    /// Opens `url` and goes where it leads, choosing `choice` on a consent
    /// page; at most ten steps.
    pub async fn visit(&self, url: &str, choice: Choice) -> Page {
        let mut url = Url::parse(url).unwrap();
        let mut form: Option<(Url, String)> = None;
        for _ in 0..10 {
            let request = match form.take() {
                Some((action, body)) => self
                    .http
                    .post(action.as_str())
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(body),
                None => self.http.get(url.as_str()),
            };
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            if let Some(location) = response.headers().get("location") {
                url = url.join(location.to_str().unwrap()).unwrap();
                continue;
            }
            let body = String::from_utf8_lossy(&response.bytes().await.unwrap()).into_owned();
            let is_loopback = url.host_str() == Some("127.0.0.1") && url.path() == "/callback";
            if status == 200 && !is_loopback && body.contains("<form") {
                form = Some(consent_form(&url, &body, choice));
                continue;
            }
            return Page { url, status, body };
        }
        panic!("more than ten steps from {url}");
    }
}

/// The form whose fields (or button) say `decision=<choice>`, as the
/// browser would submit it: its action and its urlencoded fields.
fn consent_form(page: &Url, html: &str, choice: Choice) -> (Url, String) {
    let forms = Regex::new(r"(?s)<form\b([^>]*)>(.*?)</form>").unwrap();
    for form in forms.captures_iter(html) {
        let fields = fields(&form[2]);
        let chosen = fields
            .iter()
            .any(|(name, value)| name == "decision" && value == choice.value());
        if !chosen {
            continue;
        }
        let action = attribute(&form[1], "action").unwrap_or_default();
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(
                fields
                    .iter()
                    .filter(|(name, value)| name != "decision" || value == choice.value()),
            )
            .finish();
        return (page.join(&action).unwrap(), body);
    }
    panic!("no {choice:?} form on {page}: {html}");
}

/// Inputs, the first option of each select, and named buttons.
fn fields(form: &str) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    let tags =
        Regex::new(r"(?s)<(input|button)\b([^>]*)>|<select\b([^>]*)>(.*?)</select>").unwrap();
    let first_option = Regex::new(r#"<option\b[^>]*value="([^"]*)""#).unwrap();
    for tag in tags.captures_iter(form) {
        if let Some(attrs) = tag.get(2) {
            let (Some(name), Some(value)) = (
                attribute(attrs.as_str(), "name"),
                attribute(attrs.as_str(), "value"),
            ) else {
                continue;
            };
            fields.push((name, value));
        } else if let (Some(attrs), Some(options)) = (tag.get(3), tag.get(4)) {
            let name = attribute(attrs.as_str(), "name").unwrap_or_default();
            if let Some(option) = first_option.captures(options.as_str()) {
                fields.push((name, unescape(&option[1])));
            }
        }
    }
    fields
}

fn attribute(attrs: &str, name: &str) -> Option<String> {
    let pattern = Regex::new(&format!(r#"\b{name}="([^"]*)""#)).unwrap();
    pattern.captures(attrs).map(|c| unescape(&c[1]))
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}
