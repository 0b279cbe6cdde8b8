//! Reading a member CSV as spreadsheets write it: RFC 4180 quoting (quoted
//! fields may hold the delimiter, quotes and line breaks), a `,`, `;` or
//! tab delimiter (Excel in many European locales writes `;`, because `,`
//! is their decimal comma), a UTF-8 byte order mark, CRLF or LF, and a
//! header row in English or Japanese — or no header, then the columns are
//! user, cost.

use crate::{AppError, AppResult};

/// One row, with the line of the file it starts on (1-based).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Record {
    pub line: u32,
    pub fields: Vec<String>,
}

/// Which columns hold what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Layout {
    /// The first row is a header (and not data).
    pub header: bool,
    pub login: Option<usize>,
    pub email: Option<usize>,
    /// `None`: the file states no costs at all.
    pub cost: Option<usize>,
}

/// The delimiter of `first_line`: the one of tab, `;` and `,` that splits
/// it into the most fields (quotes read as the parser reads them); on a tie
/// the earlier of them (a `,` may be a decimal comma inside a `;` file:
/// `sato;5000,50`).
fn delimiter(first_line: &str) -> char {
    let splits = |delimiter: char| {
        let mut count = 0;
        let mut quoted = false;
        let mut at_start = true;
        let mut chars = first_line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                // `""` inside quotes is a quote character.
                '"' if quoted && chars.peek() == Some(&'"') => {
                    chars.next();
                }
                '"' if quoted => quoted = false,
                '"' if at_start => quoted = true,
                c if c == delimiter && !quoted => {
                    count += 1;
                    at_start = true;
                    continue;
                }
                ' ' => continue,
                _ => {}
            }
            at_start = false;
        }
        count
    };
    ['\t', ';', ',']
        .into_iter()
        .fold(('\t', 0), |(best, most), delimiter| {
            let count = splits(delimiter);
            if count > most {
                (delimiter, count)
            } else {
                (best, most)
            }
        })
        .0
}

/// Every non-blank row of `text`.
pub(super) fn records(text: &str) -> AppResult<Vec<Record>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let first = text
        .lines()
        .find(|line| !line.trim().is_empty())
        .unwrap_or("");
    let delimiter = delimiter(first);
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut line: u32 = 1;
    let mut record_line = 1;
    let mut quoted = false;
    let mut quote_line = 0;
    let mut chars = text.chars().peekable();
    let mut finish_record = |fields: &mut Vec<String>, field: &mut String, at: u32| {
        fields.push(std::mem::take(field));
        let record = std::mem::take(fields);
        if record.iter().any(|f| !f.trim().is_empty()) {
            records.push(Record {
                line: at,
                fields: record,
            });
        }
    };
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                other => field.push(other),
            }
            continue;
        }
        match c {
            // A quote opens a quoted field only at its start (spaces before
            // it allowed); elsewhere it is an ordinary character.
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted = true;
                quote_line = line;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                finish_record(&mut fields, &mut field, record_line);
                line += 1;
                record_line = line;
            }
            c if c == delimiter => fields.push(std::mem::take(&mut field)),
            other => field.push(other),
        }
    }
    if quoted {
        return Err(AppError::validation(
            "file",
            format!("Line {quote_line}: a quote (\") opened there is never closed. Close it, or remove it."),
        ));
    }
    finish_record(&mut fields, &mut field, record_line);
    Ok(records)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Login,
    Email,
    Cost,
    /// A column the export writes or people commonly add, read past.
    Known,
}

/// `Login Name`, `login_name`, `単価（円）` → `loginname`, `単価`: lower
/// case, without spaces, `_`, `-`, `.` and a trailing bracketed unit.
fn header_key(cell: &str) -> String {
    let mut key = cell.trim().to_lowercase();
    for (open, close) in [('(', ')'), ('（', '）'), ('[', ']')] {
        if key.ends_with(close) {
            if let Some(at) = key.rfind(open) {
                key.truncate(at);
            }
        }
    }
    key.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.'))
        .collect()
}

fn column(cell: &str) -> Option<Column> {
    const LOGIN: &[&str] = &[
        "login",
        "loginname",
        "loginid",
        "username",
        "user",
        "userlogin",
        "ログイン名",
        "ログインid",
        "ログイン",
    ];
    const EMAIL: &[&str] = &[
        "email",
        "mail",
        "emailaddress",
        "mailaddress",
        "メール",
        "メールアドレス",
        "eメール",
        "eメールアドレス",
    ];
    const COST: &[&str] = &[
        "unitcost",
        "cost",
        "rate",
        "hourlyrate",
        "単価",
        "時間単価",
        "原価",
        "原価単価",
        "コスト",
    ];
    const KNOWN: &[&str] = &[
        "name",
        "displayname",
        "名前",
        "氏名",
        "表示名",
        "organization",
        "organisation",
        "org",
        "組織",
        "所属",
        "membersince",
        "since",
        "参加日",
        "userid",
        "id",
    ];
    let key = header_key(cell);
    [
        (LOGIN, Column::Login),
        (EMAIL, Column::Email),
        (COST, Column::Cost),
        (KNOWN, Column::Known),
    ]
    .into_iter()
    .find(|(names, _)| names.contains(&key.as_str()))
    .map(|(_, column)| column)
}

/// The layout the first row gives: a header when any of its cells names a
/// known column; else the rows are user, cost.
pub(super) fn layout(first: &Record) -> AppResult<Layout> {
    let columns: Vec<Option<Column>> = first.fields.iter().map(|cell| column(cell)).collect();
    if columns.iter().all(Option::is_none) {
        return Ok(Layout {
            header: false,
            login: Some(0),
            email: None,
            cost: Some(1),
        });
    }
    let find = |wanted: Column| columns.iter().position(|c| *c == Some(wanted));
    let layout = Layout {
        header: true,
        login: find(Column::Login),
        email: find(Column::Email),
        cost: find(Column::Cost),
    };
    if layout.login.is_none() && layout.email.is_none() {
        return Err(AppError::validation(
            "file",
            "The header names no column of people: add a column “login” (login name) or “email”, next to “unitCost”.",
        ));
    }
    Ok(layout)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Vec<Vec<String>> {
        records(text)
            .unwrap()
            .into_iter()
            .map(|r| r.fields)
            .collect()
    }

    #[test]
    fn delimiters_quotes_bom_and_line_ends() {
        assert_eq!(
            fields("\u{FEFF}login,unitCost\r\nsato,5000\r\n"),
            [["login", "unitCost"], ["sato", "5000"]]
        );
        assert_eq!(fields("sato;5000,50\n"), [["sato", "5000,50"]]);
        assert_eq!(fields("sato\t5,000.50\n"), [["sato", "5,000.50"]]);
        assert_eq!(
            fields("\"sato, h\",\"5,000\"\n\"say \"\"hi\"\"\",1\n"),
            [["sato, h", "5,000"], ["say \"hi\"", "1"]]
        );
        assert_eq!(
            fields("a,\"two\nlines\"\nb,2"),
            [["a", "two\nlines"], ["b", "2"]]
        );
        assert_eq!(fields("only\rcr\r"), [["only"], ["cr"]]);
        assert_eq!(fields("o\"k,1"), [["o\"k", "1"]], "a quote inside a field");
        assert_eq!(
            fields("\"a \"\"b;c\"\" d\",1\n"),
            [["a \"b;c\" d", "1"]],
            "a delimiter between escaped quotes"
        );
    }

    #[test]
    fn blank_rows_are_skipped_and_lines_counted_across_quoted_breaks() {
        let all = records("\n\nlogin,cost\n\"a\nb\",1\n ,\nc,2\n").unwrap();
        let lines: Vec<u32> = all.iter().map(|r| r.line).collect();
        assert_eq!(lines, [3, 4, 7]);
        let err = records("login,cost\n\"sato,5\n").unwrap_err();
        assert!(err.to_string().starts_with("Line 2: a quote"), "{err}");
    }

    #[test]
    fn headers_in_english_and_japanese_or_none() {
        let layout_of = |text: &str| layout(&records(text).unwrap()[0]);
        let export = layout_of("login,email,name,organization,unitCost,memberSince").unwrap();
        assert_eq!(
            (export.header, export.login, export.email, export.cost),
            (true, Some(0), Some(1), Some(4))
        );
        let japanese = layout_of("氏名,メールアドレス,単価（円）").unwrap();
        assert_eq!(
            (japanese.login, japanese.email, japanese.cost),
            (None, Some(1), Some(2))
        );
        let spaced = layout_of("Login Name;Unit cost (JPY)").unwrap();
        assert_eq!((spaced.login, spaced.cost), (Some(0), Some(1)));
        let no_cost = layout_of("ログイン名").unwrap();
        assert_eq!((no_cost.login, no_cost.cost), (Some(0), None));
        let none = layout_of("sato.hanako,5000").unwrap();
        assert_eq!(
            (none.header, none.login, none.cost),
            (false, Some(0), Some(1))
        );
        let err = layout_of("name,unitCost").unwrap_err();
        assert!(err.to_string().contains("no column of people"), "{err}");
    }
}
