//! Aligned plain-text tables for the `list` commands: columns padded to the
//! widest cell (counted in characters, so Japanese names line up as well as
//! a terminal allows), two spaces apart, the last column unpadded.

use std::fmt::Write as _;

pub fn render<const N: usize>(header: [&str; N], rows: &[[String; N]]) -> String {
    let mut widths = header.map(|h| h.chars().count());
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut text = String::new();
    let mut line = |cells: [&str; N]| {
        for (i, cell) in cells.iter().enumerate() {
            if i + 1 == N {
                let _ = writeln!(text, "{cell}");
            } else {
                let pad = widths[i] - cell.chars().count();
                let _ = write!(text, "{cell}{}  ", " ".repeat(pad));
            }
        }
    };
    line(header);
    for row in rows {
        line(row.each_ref().map(String::as_str));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_every_column_but_the_last_to_its_widest_cell() {
        let text = render(
            ["ID", "NAME"],
            &[
                ["1".to_owned(), "佐藤".to_owned()],
                ["100".to_owned(), "x".to_owned()],
            ],
        );
        assert_eq!(text, "ID   NAME\n1    佐藤\n100  x\n");
    }
}
