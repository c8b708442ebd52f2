//! Messages shown above the article until dismissed. Errors are logged too.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

#[derive(Debug, Clone)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

#[derive(Debug, Default)]
pub struct Notices {
    shown: Vec<Notice>,
}

impl Notices {
    pub fn info(&mut self, text: impl Into<String>) {
        self.shown.push(Notice { kind: NoticeKind::Info, text: text.into() });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        let text = text.into();
        crate::log::error(&text);
        self.shown.push(Notice { kind: NoticeKind::Error, text });
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Notice> {
        self.shown.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    pub fn last(&self) -> Option<&Notice> {
        self.shown.last()
    }

    pub fn dismiss(&mut self, index: usize) {
        if index < self.shown.len() {
            self.shown.remove(index);
        }
    }

    /// Draws the notices, each with a dismiss button.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let mut dismiss = None;
        for (i, notice) in self.shown.iter().enumerate() {
            let fill = match notice.kind {
                NoticeKind::Error => ui.visuals().error_fg_color.gamma_multiply(0.25),
                NoticeKind::Info => ui.visuals().selection.bg_fill.gamma_multiply(0.3),
            };
            egui::Frame::new().fill(fill).inner_margin(6.0).corner_radius(4.0).show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    if ui.small_button("✖").on_hover_text("Dismiss").clicked() {
                        dismiss = Some(i);
                    }
                    ui.label(&notice.text);
                });
            });
        }
        if let Some(i) = dismiss {
            self.dismiss(i);
        }
    }
}
