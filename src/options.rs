//! Options of a build, as plain data (the CLI fills them; tests and `serve` build them directly).

use std::path::PathBuf;

/// What to build and where to write it.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root: the folder holding `content/` and `themes/`.
    pub root: PathBuf,
    /// Where the site is written; relative paths are taken from the current directory.
    pub output: PathBuf,
    /// Overrides `base_url` of `content/site.yaml` (e.g. for a preview host).
    pub base_url: Option<crate::model::BaseUrl>,
    /// Publish into a non-empty folder plansite did not write, keeping its other files (and
    /// replace files plansite did not write where the site has a file of the same name).
    pub force: bool,
    /// Which drafts and future items are published (`--drafts`, `--future`).
    pub publish: crate::model::Publish,
}

impl BuildOptions {
    /// Builds `root` into `root/site`.
    pub fn for_root(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        BuildOptions { output: root.join("site"), root, base_url: None, force: false, publish: Default::default() }
    }

    /// What of these options the compile itself reads.
    pub fn compile_options(&self) -> CompileOptions {
        CompileOptions { base_url: self.base_url.clone(), publish: self.publish.clone() }
    }

    /// Where and how [`crate::build`] writes the site.
    pub fn destination(&self) -> crate::output::Destination {
        crate::output::Destination { dir: self.output.clone(), root: self.root.clone(), force: self.force }
    }
}

/// What a compile reads besides the sources: only what changes the pages. Where the site is
/// written is not among it (that is [`BuildOptions`]' business, after the compile).
#[derive(Debug, Clone, Default)]
pub struct CompileOptions {
    /// Overrides `base_url` of `content/site.yaml` (e.g. the preview's own address).
    pub base_url: Option<crate::model::BaseUrl>,
    /// Which drafts and future items are shown.
    pub publish: crate::model::Publish,
}
