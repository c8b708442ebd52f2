//! How deep and how big a page's element tree is, measured by an HTML5 tree builder
//! (`html5ever`, the parser reader-view extraction itself uses), not by counting tags: to a real
//! parser `<div/>` opens a `<div>` and a stray `</b>` closes nothing, so a page of 20,000 of either
//! nests 20,000 deep while it looks flat to a tag counter.
//!
//! The page is fed to the parser in chunks and the measure stops at the first chunk that breaks
//! the [`Budget`], so even a hostile page costs at most one chunk beyond the limits.

/// Pages with more elements than this are refused rather than parsed for minutes.
pub const MAX_ELEMENTS: usize = 100_000;
/// Deeper element nesting than this is refused (browsers' parsers stop nesting at 512 too).
pub const MAX_NESTING: usize = 512;

use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName, expanded_name, local_name, ns};

use super::ImportError;
use super::control::{Control, Stage};

/// How much of the input the parser gets between two looks at the budget and the cancel flag.
const CHUNK_BYTES: usize = 4 * 1024;

/// The most a page may ask of the extraction, whose cost grows with depth times size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Element nesting (browsers' parsers stop nesting at 512 too).
    pub max_depth: usize,
    pub max_elements: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Self { max_depth: MAX_NESTING, max_elements: MAX_ELEMENTS }
    }
}

/// What the tree builder built, as far as it was let go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Shape {
    pub depth: usize,
    /// Elements and comments.
    pub elements: usize,
}

/// Measures `html` against `budget`, giving up with the reason as soon as a limit is passed,
/// the time is up or the import is cancelled.
pub fn measure(html: &str, budget: Budget, control: &Control<'_>) -> Result<Shape, ImportError> {
    let mut parser = html5ever::parse_document(ShapeSink::default(), Default::default());
    let mut start = 0;
    while start < html.len() {
        let mut end = (start + CHUNK_BYTES).min(html.len());
        while !html.is_char_boundary(end) {
            end += 1;
        }
        parser.process(StrTendril::from_slice(&html[start..end]));
        start = end;
        let shape = parser.tokenizer.sink.sink.shape();
        if shape.depth > budget.max_depth {
            return Err(ImportError::TooDeep { depth: shape.depth });
        }
        if shape.elements > budget.max_elements {
            return Err(ImportError::TooManyElements { elements: shape.elements });
        }
        control.check(Stage::Measuring, start as f32 / html.len() as f32)?;
    }
    // The end of input only closes elements: it cannot deepen the tree or add to it.
    Ok(parser.tokenizer.sink.sink.shape())
}

/// A tree sink that keeps only each node's depth and its name (the tree builder asks for names).
/// Depth is taken when a node is inserted; the adoption agency's later moves change it by a few
/// levels at most, which does not matter against a limit of hundreds.
#[derive(Default)]
struct ShapeSink {
    /// Index = handle. Handle 0 is the document.
    depths: RefCell<Vec<usize>>,
    /// An empty name for nodes that are not elements (the tree builder never asks for those).
    names: RefCell<Vec<QualName>>,
    placed: RefCell<Vec<bool>>,
    deepest: Cell<usize>,
    elements: Cell<usize>,
}

impl ShapeSink {
    fn shape(&self) -> Shape {
        Shape { depth: self.deepest.get(), elements: self.elements.get() }
    }

    fn new_node(&self, name: Option<QualName>) -> usize {
        let mut names = self.names.borrow_mut();
        if names.is_empty() {
            names.push(no_name());
            self.depths.borrow_mut().push(0);
            self.placed.borrow_mut().push(true);
        }
        names.push(name.unwrap_or_else(no_name));
        self.depths.borrow_mut().push(0);
        self.placed.borrow_mut().push(false);
        names.len() - 1
    }

    fn depth_of(&self, node: usize) -> usize {
        self.depths.borrow().get(node).copied().unwrap_or(0)
    }

    fn place(&self, node: &NodeOrText<usize>, depth: usize) {
        let NodeOrText::AppendNode(node) = node else { return };
        if let Some(slot) = self.depths.borrow_mut().get_mut(*node) {
            *slot = depth;
        }
        if let Some(placed) = self.placed.borrow_mut().get_mut(*node) {
            *placed = true;
        }
        // Template contents hang one level below their template.
        if self.is_template(*node)
            && let Some(slot) = self.depths.borrow_mut().get_mut(*node + 1)
        {
            *slot = depth;
        }
        self.deepest.set(self.deepest.get().max(depth));
    }

    fn is_template(&self, node: usize) -> bool {
        self.names.borrow().get(node).is_some_and(|name| name.expanded() == expanded_name!(html "template"))
    }
}

fn no_name() -> QualName {
    QualName::new(None, ns!(), local_name!(""))
}

/// Stands in for a handle the tree builder never made (it only passes back handles it got).
static UNKNOWN: std::sync::LazyLock<QualName> = std::sync::LazyLock::new(no_name);

impl TreeSink for ShapeSink {
    type Handle = usize;
    type Output = Shape;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Shape {
        self.shape()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> usize {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a usize) -> Ref<'a, QualName> {
        Ref::map(self.names.borrow(), |names| names.get(*target).unwrap_or(&UNKNOWN))
    }

    fn create_element(&self, name: QualName, _attrs: Vec<Attribute>, _flags: ElementFlags) -> usize {
        self.elements.set(self.elements.get() + 1);
        let template = name.expanded() == expanded_name!(html "template");
        let node = self.new_node(Some(name));
        if template {
            self.new_node(None); // its contents, handle `node + 1`
        }
        node
    }

    // Comments count against the element budget too: each costs the sink (and the extraction)
    // a node, and 20 MB of `<!---->` would otherwise be millions of them.
    fn create_comment(&self, _text: StrTendril) -> usize {
        self.elements.set(self.elements.get() + 1);
        self.new_node(None)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> usize {
        self.elements.set(self.elements.get() + 1);
        self.new_node(None)
    }

    fn append(&self, parent: &usize, child: NodeOrText<usize>) {
        self.place(&child, self.depth_of(*parent) + 1);
    }

    fn append_based_on_parent_node(&self, element: &usize, prev_element: &usize, child: NodeOrText<usize>) {
        let placed = self.placed.borrow().get(*element).copied().unwrap_or(false);
        let depth = if placed { self.depth_of(*element) } else { self.depth_of(*prev_element) + 1 };
        self.place(&child, depth);
    }

    fn append_doctype_to_document(&self, _name: StrTendril, _public_id: StrTendril, _system_id: StrTendril) {}

    fn get_template_contents(&self, target: &usize) -> usize {
        target + 1
    }

    fn same_node(&self, x: &usize, y: &usize) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &usize, new_node: NodeOrText<usize>) {
        self.place(&new_node, self.depth_of(*sibling));
    }

    fn add_attrs_if_missing(&self, _target: &usize, _attrs: Vec<Attribute>) {}

    fn remove_from_parent(&self, _target: &usize) {}

    fn reparent_children(&self, _node: &usize, _new_parent: &usize) {}
}
