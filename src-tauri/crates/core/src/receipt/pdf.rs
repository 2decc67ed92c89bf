//! A receipt drawn on an A5 page (krilla), one page per receipt, in DejaVu Sans, embedded and
//! subset so that Turkish letters print the same everywhere (the fonts and their licence are in
//! `assets/fonts/`).

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

use super::Receipt;
use crate::error::{Error, Result};
use crate::i18n::Lang;

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// A5 portrait, in points.
const WIDTH: f32 = 419.53;
const HEIGHT: f32 = 595.28;
const MARGIN: f32 = 36.0;
/// Where the values start.
const VALUES: f32 = 132.0;
/// What the receipt shows where a record holds nothing.
pub const NONE: &str = "—";

/// Lines of at most `max` characters, broken between words (a word longer than a line is cut).
fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > max {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..max).collect());
        }
        let word: String = word.into_iter().collect();
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > max {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// How many characters of DejaVu Sans at `size` fit in `width` (its letters average well under
/// 0.6 em).
fn fits(width: f32, size: f32) -> usize {
    (width / (size * 0.6)).floor().max(1.0) as usize
}

struct Fonts {
    regular: Font,
    bold: Font,
}

struct Pen<'a, 'b> {
    surface: &'a mut Surface<'b>,
    fonts: &'a Fonts,
    y: f32,
}

fn gray(level: u8) -> Fill {
    Fill {
        paint: rgb::Color::new(level, level, level).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

impl Pen<'_, '_> {
    fn text(&mut self, x: f32, y: f32, bold: bool, size: f32, text: &str) {
        let font = if bold {
            self.fonts.bold.clone()
        } else {
            self.fonts.regular.clone()
        };
        self.surface.draw_text(
            Point::from_xy(x, y),
            font,
            size,
            text,
            false,
            TextDirection::Auto,
        );
    }

    /// A line of text across the page, moving down.
    fn line(&mut self, bold: bool, size: f32, text: &str) {
        for l in wrap(text, fits(WIDTH - 2.0 * MARGIN, size)) {
            self.y += size * 1.45;
            let y = self.y;
            self.text(MARGIN, y, bold, size, &l);
        }
    }

    /// A thin rule across the page.
    fn rule(&mut self) {
        self.y += 9.0;
        let mut path = PathBuilder::new();
        if let Some(rect) = Rect::from_xywh(MARGIN, self.y, WIDTH - 2.0 * MARGIN, 0.6) {
            path.push_rect(rect);
        }
        if let Some(path) = path.finish() {
            self.surface.set_fill(Some(gray(140)));
            self.surface.draw_path(&path);
            self.surface.set_fill(Some(gray(0)));
        }
        self.y += 3.0;
    }

    /// A label and its value (wrapped under itself), moving down.
    fn row(&mut self, label: &str, value: &str, bold: bool) {
        let size = if bold { 11.0 } else { 9.5 };
        self.y += size * 1.55;
        let y = self.y;
        self.surface.set_fill(Some(gray(90)));
        self.text(MARGIN, y, false, 8.5, label);
        self.surface.set_fill(Some(gray(0)));
        for (i, l) in wrap(value, fits(WIDTH - MARGIN - VALUES, size))
            .iter()
            .enumerate()
        {
            if i > 0 {
                self.y += size * 1.3;
            }
            let y = self.y;
            self.text(VALUES, y, bold, size, l);
        }
    }
}

fn or_none(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or(NONE)
}

/// One receipt on the pen's page.
fn draw(pen: &mut Pen<'_, '_>, r: &Receipt, lang: Lang, page: usize, pages: usize) {
    let l = |tr: &str, en: &str| lang.pick(tr, en);
    pen.y = MARGIN;
    pen.line(true, 14.0, &r.store);
    pen.line(false, 9.5, "Mail Order");
    pen.line(
        false,
        9.5,
        &l(
            "Kart sahibinin talimatı ile",
            "On the cardholder's instruction",
        ),
    );
    pen.rule();
    pen.y += 6.0;
    pen.line(
        true,
        16.0,
        &format!("{} — {}", l("Dekont", "Receipt"), r.kind.text().get(lang)),
    );
    pen.y += 4.0;
    pen.row(
        &l("İşlem türü", "Transaction"),
        r.kind.text().get(lang),
        false,
    );
    pen.row(&l("İşyeri", "Merchant"), &r.store, false);
    pen.row(
        &l("Üye işyeri no", "Merchant id"),
        or_none(&r.merchant_id),
        false,
    );
    pen.row(
        &l("Terminal no", "Terminal id"),
        or_none(&r.terminal_id),
        false,
    );
    pen.row(&l("Tarih ve saat", "Date and time"), &r.local_time, false);
    pen.rule();
    pen.row(&l("Müşteri", "Customer"), &r.customer_name, false);
    pen.row(&l("Müşteri no", "Customer ref"), &r.customer_ref, false);
    pen.row(&l("Kart numarası", "Card number"), &r.masked_pan, false);
    pen.row(&l("Kart tipi", "Card brand"), &r.card_brand, false);
    pen.rule();
    pen.row(&l("Tutar", "Amount"), &r.amount_text(lang), true);
    pen.row(&l("Yalnız", "In words"), &r.amount_words(), false);
    let installments = if r.installments > 1 {
        lang.pick(
            format!("{} taksit", r.installments),
            format!("{} installments", r.installments),
        )
    } else {
        l("Tek çekim", "Single payment")
    };
    pen.row(&l("Taksit", "Installments"), &installments, false);
    pen.rule();
    pen.row(&l("Sipariş no", "Order id"), &r.order_id, false);
    if let Some(sale) = &r.sale_order_id {
        pen.row(&l("Satışın sipariş no", "Sale's order id"), sale, false);
    }
    pen.row(&l("Onay kodu", "Auth code"), or_none(&r.auth_code), false);
    pen.row("RRN", or_none(&r.rrn), false);
    pen.row(
        &l("Batch no", "Batch number"),
        or_none(&r.batch_number),
        false,
    );
    pen.rule();
    pen.surface.set_fill(Some(gray(90)));
    let footer = lang.pick(
        format!("Tahsildar · sayfa {page}/{pages}"),
        format!("Tahsildar · page {page} of {pages}"),
    );
    pen.text(MARGIN, HEIGHT - MARGIN, false, 7.5, &footer);
    pen.surface.set_fill(Some(gray(0)));
}

/// The receipts as one PDF, a page each, labels in `lang`.
pub fn render(receipts: &[Receipt], lang: Lang) -> Result<Vec<u8>> {
    let font = |data: &'static [u8]| {
        Font::new(data.into(), 0).ok_or_else(|| Error::Internal("the receipt font".into()))
    };
    let fonts = Fonts {
        regular: font(REGULAR)?,
        bold: font(BOLD)?,
    };
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(lang.pick("Dekont", "Receipt"))
            .language(lang.pick("tr-TR", "en"))
            .creator("Tahsildar".into()),
    );
    let size = PageSettings::from_wh(WIDTH, HEIGHT)
        .ok_or_else(|| Error::Internal("the A5 page".into()))?;
    for (i, r) in receipts.iter().enumerate() {
        let mut page = document.start_page_with(size.clone());
        let mut surface = page.surface();
        let mut pen = Pen {
            surface: &mut surface,
            fonts: &fonts,
            y: MARGIN,
        };
        draw(&mut pen, r, lang, i + 1, receipts.len());
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| Error::Internal(format!("the PDF could not be made: {e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_between_words_and_cut_a_long_word() {
        assert_eq!(wrap("bin iki yüz", 7), vec!["bin iki", "yüz"]);
        assert_eq!(wrap("", 7), vec![""]);
        assert_eq!(wrap("abcdefghij k", 4), vec!["abcd", "efgh", "ij k"]);
        assert_eq!(wrap("şşş ğğğ", 7), vec!["şşş ğğğ"]);
    }
}
