//! A bare eframe window (glow, same features as Canonry): the reference for startup time and
//! memory. With `CANONRY_EXIT_AFTER_FIRST_FRAME=1` it closes after its first frame, like Canonry.

fn main() -> eframe::Result {
    let exit_after_first = std::env::var_os("CANONRY_EXIT_AFTER_FIRST_FRAME").is_some();
    let mut frames = 0u32;
    eframe::run_ui_native("Empty window", eframe::NativeOptions::default(), move |ui, _frame| {
        frames += 1;
        ui.label("Empty eframe window");
        if exit_after_first && frames >= 2 {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    })
}
