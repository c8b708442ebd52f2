//! Embeds the icon and version information in the Windows `.exe`. Other targets do nothing, so
//! Linux and macOS builds need no Windows tools.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icons/canonry.ico");
    // The build script runs on the host; the resource compiler it drives is only present on
    // Windows hosts, which is where the release workflow builds the Windows package.
    #[cfg(windows)]
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("windows") {
        let mut resource = winresource::WindowsResource::new();
        resource
            .set_icon("assets/icons/canonry.ico")
            .set("ProductName", "Canonry")
            .set("FileDescription", "Canonry lore journal")
            .set("InternalName", "canonry")
            .set("OriginalFilename", "canonry.exe");
        if let Err(error) = resource.compile() {
            panic!("cannot embed the Windows resources (icon, version): {error}");
        }
    }
}
