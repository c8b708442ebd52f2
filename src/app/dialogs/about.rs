//! Help > About Canonry.

use super::DialogContext;

pub struct AboutDialog;

impl AboutDialog {
    pub fn ui(&mut self, ui: &mut egui::Ui, _cx: &mut DialogContext<'_>) -> bool {
        ui.heading("Canonry");
        ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
        ui.label("A lore journal: tag what articles say as canon, comic-canon or speculation.");
        ui.label("Your projects stay on your computer; Canonry makes no network requests.");
        !ui.button("Close").clicked()
    }
}
