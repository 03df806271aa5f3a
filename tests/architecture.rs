//! The shape of the code, checked: no function in `src/` runs over 100
//! lines, and no two files in `src/` import each other, however long the
//! way round (an import loop means two files can only be understood
//! together, and is where layering starts to rot).
//!
//! The source is parsed with `syn`. A file depends on another when it names
//! an item defined there: in a `use` declaration, or in a path in the code
//! (`crate::a::f`, `super::T`, `child::f()`). A re-export (`pub use`)
//! is followed to the file that defines the item, so `mod.rs` files that
//! only re-export stay out of the way; a glob import (`use super::*`)
//! depends on the module's own file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::visit::Visit;

/// The longest a function may be, in lines from `fn` to its closing brace.
const MAX_FUNCTION_LINES: usize = 100;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("src/ is readable")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn parse(path: &Path) -> syn::File {
    let text = std::fs::read_to_string(path).expect("a source file is readable");
    syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The file's path relative to `src/`, for messages.
fn shown(path: &Path) -> String {
    path.strip_prefix(src())
        .unwrap_or(path)
        .display()
        .to_string()
}

// ---------------------------------------------------------------------------
// Function length
// ---------------------------------------------------------------------------

struct LongFunctions<'a> {
    file: &'a str,
    found: Vec<String>,
}

impl LongFunctions<'_> {
    fn measure(&mut self, name: &syn::Ident, sig: &syn::Signature, block: &syn::Block) {
        let start = sig.fn_token.span.start().line;
        let end = block.brace_token.span.close().end().line;
        let lines = end - start + 1;
        if lines > MAX_FUNCTION_LINES {
            self.found
                .push(format!("{}:{start}: fn {name} is {lines} lines", self.file));
        }
    }
}

impl<'ast> Visit<'ast> for LongFunctions<'_> {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.measure(&f.sig.ident, &f.sig, &f.block);
        syn::visit::visit_item_fn(self, f);
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.measure(&f.sig.ident, &f.sig, &f.block);
        syn::visit::visit_impl_item_fn(self, f);
    }

    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        if let Some(block) = &f.default {
            self.measure(&f.sig.ident, &f.sig, block);
        }
        syn::visit::visit_trait_item_fn(self, f);
    }
}

#[test]
fn no_function_is_longer_than_a_hundred_lines() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut found = Vec::new();
    for path in &files {
        let file = shown(path);
        let mut visitor = LongFunctions {
            file: &file,
            found: Vec::new(),
        };
        visitor.visit_file(&parse(path));
        found.extend(visitor.found);
    }
    assert!(
        found.is_empty(),
        "functions over {MAX_FUNCTION_LINES} lines (split them into named steps):\n{}",
        found.join("\n")
    );
}

// ---------------------------------------------------------------------------
// Import loops
// ---------------------------------------------------------------------------

/// A module path from the crate root: `["analysis", "people"]`.
type ModPath = Vec<String>;

/// What a module holds, as far as resolving paths needs.
#[derive(Default)]
struct Module {
    /// The file it is written in (an inline `mod tests {}` shares its
    /// file's).
    file: PathBuf,
    /// Items defined here (types, functions, constants, traits, macros).
    items: BTreeSet<String>,
    /// Child modules.
    children: BTreeSet<String>,
    /// Names brought in by `use`: the name → the path it stands for.
    imports: BTreeMap<String, Vec<String>>,
}

/// Every module of one crate, and the paths each file names.
#[derive(Default)]
struct Crate {
    modules: BTreeMap<ModPath, Module>,
    /// (file, the module it was written in, a path it names).
    uses: Vec<(PathBuf, ModPath, Vec<String>)>,
    /// (file, the module whose contents it imports with `*`).
    globs: Vec<(PathBuf, ModPath, Vec<String>)>,
}

/// Collects items, imports and the paths they name, module by module.
struct Collector<'c> {
    krate: &'c mut Crate,
    file: PathBuf,
    module: ModPath,
}

impl Collector<'_> {
    fn here(&mut self) -> &mut Module {
        let file = self.file.clone();
        self.krate
            .modules
            .entry(self.module.clone())
            .or_insert_with(|| Module {
                file,
                ..Module::default()
            })
    }

    fn define(&mut self, name: &syn::Ident) {
        self.here().items.insert(name.to_string());
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                let name = n.ident.to_string();
                let full = if name == "self" {
                    prefix.clone()
                } else {
                    let mut full = prefix.clone();
                    full.push(name.clone());
                    full
                };
                let alias = if name == "self" {
                    prefix.last().cloned().unwrap_or_default()
                } else {
                    name
                };
                self.import(alias, full);
            }
            syn::UseTree::Rename(r) => {
                let mut full = prefix.clone();
                if r.ident != "self" {
                    full.push(r.ident.to_string());
                }
                self.import(r.rename.to_string(), full);
            }
            syn::UseTree::Glob(_) => {
                let (file, module) = (self.file.clone(), self.module.clone());
                self.krate.globs.push((file, module, prefix.clone()));
            }
            syn::UseTree::Group(g) => {
                for tree in &g.items {
                    self.use_tree(prefix, tree);
                }
            }
        }
    }

    fn import(&mut self, alias: String, full: Vec<String>) {
        self.here().imports.insert(alias, full.clone());
        let (file, module) = (self.file.clone(), self.module.clone());
        self.krate.uses.push((file, module, full));
    }
}

/// Whether an item is compiled only for tests (`#[cfg(test)]`): tests may
/// reach up a layer to check what they check, so they are left out.
fn test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.parse_args::<syn::Ident>()
                .is_ok_and(|predicate| predicate == "test")
    })
}

impl<'ast> Visit<'ast> for Collector<'_> {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if test_only(&m.attrs) {
            return;
        }
        self.here().children.insert(m.ident.to_string());
        if let Some((_, items)) = &m.content {
            // an inline module: same file, one level down
            self.module.push(m.ident.to_string());
            self.here();
            for item in items {
                self.visit_item(item);
            }
            self.module.pop();
        }
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        if test_only(&u.attrs) {
            return;
        }
        self.use_tree(&mut Vec::new(), &u.tree);
    }

    fn visit_path(&mut self, p: &'ast syn::Path) {
        // Any path of two or more segments may name another module's item
        // (`crate::a::f`, `super::T`, `child::f`, `imported::T`); resolving
        // it decides. A single name is local or imported, and its `use`
        // already counts.
        if p.segments.len() > 1 {
            let segments: Vec<String> = p.segments.iter().map(|s| s.ident.to_string()).collect();
            let (file, module) = (self.file.clone(), self.module.clone());
            self.krate.uses.push((file, module, segments));
        }
        syn::visit::visit_path(self, p);
    }

    fn visit_item_struct(&mut self, i: &'ast syn::ItemStruct) {
        self.define(&i.ident);
        syn::visit::visit_item_struct(self, i);
    }
    fn visit_item_enum(&mut self, i: &'ast syn::ItemEnum) {
        self.define(&i.ident);
        syn::visit::visit_item_enum(self, i);
    }
    fn visit_item_fn(&mut self, i: &'ast syn::ItemFn) {
        if test_only(&i.attrs) {
            return;
        }
        self.define(&i.sig.ident);
        syn::visit::visit_item_fn(self, i);
    }
    fn visit_item_const(&mut self, i: &'ast syn::ItemConst) {
        self.define(&i.ident);
        syn::visit::visit_item_const(self, i);
    }
    fn visit_item_static(&mut self, i: &'ast syn::ItemStatic) {
        self.define(&i.ident);
        syn::visit::visit_item_static(self, i);
    }
    fn visit_item_trait(&mut self, i: &'ast syn::ItemTrait) {
        self.define(&i.ident);
        syn::visit::visit_item_trait(self, i);
    }
    fn visit_item_type(&mut self, i: &'ast syn::ItemType) {
        self.define(&i.ident);
        syn::visit::visit_item_type(self, i);
    }
    fn visit_item_union(&mut self, i: &'ast syn::ItemUnion) {
        self.define(&i.ident);
        syn::visit::visit_item_union(self, i);
    }
    fn visit_item_macro(&mut self, i: &'ast syn::ItemMacro) {
        if let Some(ident) = &i.ident {
            self.define(ident);
        }
        syn::visit::visit_item_macro(self, i);
    }
}

/// The file holding module `module` of a crate rooted at `root` (`lib.rs`
/// or `main.rs`): `a/b.rs` or `a/b/mod.rs`.
fn module_file(root: &Path, module: &[String]) -> Option<PathBuf> {
    let dir = src();
    if module.is_empty() {
        return Some(root.to_path_buf());
    }
    let rel: PathBuf = module.iter().collect();
    let flat = dir.join(&rel).with_extension("rs");
    let nested = dir.join(&rel).join("mod.rs");
    [flat, nested].into_iter().find(|p| p.is_file())
}

/// Reads every file of the crate rooted at `root`, following `mod`
/// declarations.
fn read_crate(root: &Path) -> Crate {
    let mut krate = Crate::default();
    let mut pending: Vec<ModPath> = vec![Vec::new()];
    while let Some(module) = pending.pop() {
        let Some(file) = module_file(root, &module) else {
            continue; // a `mod` declared under a #[cfg] for another platform
        };
        let mut collector = Collector {
            krate: &mut krate,
            file: file.clone(),
            module: module.clone(),
        };
        collector.here();
        collector.visit_file(&parse(&file));
        // child modules that live in files of their own
        let children: Vec<String> = krate.modules[&module].children.iter().cloned().collect();
        for child in children {
            let mut path = module.clone();
            path.push(child);
            if !krate.modules.contains_key(&path) {
                pending.push(path);
            }
        }
    }
    krate
}

impl Crate {
    /// The file defining what `path` names when written in `module`, if it
    /// is in this crate.
    fn resolve(&self, module: &[String], path: &[String], depth: usize) -> Option<PathBuf> {
        if depth > 16 {
            return None;
        }
        let mut at: ModPath = module.to_vec();
        let mut rest = path;
        // Where the path starts.
        match rest.first().map(String::as_str) {
            Some("crate") => {
                at.clear();
                rest = &rest[1..];
            }
            Some("self") => rest = &rest[1..],
            Some("super") => {
                while rest.first().is_some_and(|s| s == "super") {
                    at.pop();
                    rest = &rest[1..];
                }
            }
            Some(first) => {
                let m = self.modules.get(&at)?;
                if m.children.contains(first) {
                    // a child module, named directly (2018 paths)
                } else if let Some(target) = m.imports.get(first) {
                    let mut full = target.clone();
                    full.extend_from_slice(&rest[1..]);
                    return self.resolve(&at, &full, depth + 1);
                } else {
                    return None; // another crate (std, serde…)
                }
            }
            None => return None,
        }
        for (i, segment) in rest.iter().enumerate() {
            let m = self.modules.get(&at)?;
            if m.children.contains(segment) {
                at.push(segment.clone());
                continue;
            }
            if m.items.contains(segment) {
                return Some(m.file.clone());
            }
            if let Some(target) = m.imports.get(segment) {
                let mut full = target.clone();
                full.extend_from_slice(&rest[i + 1..]);
                return self
                    .resolve(&at, &full, depth + 1)
                    .or_else(|| Some(m.file.clone()));
            }
            // an associated item, a variant, or a glob import: this module
            return Some(m.file.clone());
        }
        self.modules.get(&at).map(|m| m.file.clone())
    }

    /// File → the files it depends on.
    fn dependencies(&self) -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
        let mut graph: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
        for m in self.modules.values() {
            graph.entry(m.file.clone()).or_default();
        }
        let edges = self
            .uses
            .iter()
            .filter_map(|(file, module, path)| Some((file, self.resolve(module, path, 0)?)))
            .chain(self.globs.iter().filter_map(|(file, module, path)| {
                // `use super::*` depends on the module itself
                Some((file, self.resolve(module, path, 0)?))
            }));
        for (file, target) in edges {
            if *file != target {
                graph.entry(file.clone()).or_default().insert(target);
            }
        }
        graph
    }
}

/// The groups of files that reach each other (Tarjan's algorithm), largest
/// first; only groups of two or more.
fn loops(graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Vec<Vec<PathBuf>> {
    struct State<'g> {
        graph: &'g BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        index: BTreeMap<&'g PathBuf, usize>,
        low: BTreeMap<&'g PathBuf, usize>,
        stack: Vec<&'g PathBuf>,
        on_stack: BTreeSet<&'g PathBuf>,
        found: Vec<Vec<PathBuf>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g PathBuf) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.graph.get(v).into_iter().flatten() {
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut group = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                group.push(w.clone());
                if w == v {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                s.found.push(group);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !state.index.contains_key(v) {
            visit(&mut state, v);
        }
    }
    state.found.sort_by_key(|g| std::cmp::Reverse(g.len()));
    state.found
}

#[test]
fn no_two_files_import_each_other() {
    let mut found = Vec::new();
    for root in ["lib.rs", "main.rs"] {
        let krate = read_crate(&src().join(root));
        let graph = krate.dependencies();
        for group in loops(&graph) {
            let mut lines = vec![format!(
                "a loop of {} files (each reaches every other):",
                group.len()
            )];
            for file in &group {
                let inside: Vec<String> = graph[file]
                    .iter()
                    .filter(|t| group.contains(t))
                    .map(|t| shown(t))
                    .collect();
                lines.push(format!("  {} → {}", shown(file), inside.join(", ")));
            }
            found.push(lines.join("\n"));
        }
    }
    assert!(found.is_empty(), "import loops:\n{}", found.join("\n"));
}

#[test]
fn the_checker_sees_a_loop_and_a_long_function() {
    // Two modules that name each other's items form a loop; a chain does not.
    let mut graph: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    let (a, b, c) = (PathBuf::from("a"), PathBuf::from("b"), PathBuf::from("c"));
    graph.insert(a.clone(), [b.clone()].into());
    graph.insert(b.clone(), [c.clone()].into());
    graph.insert(c.clone(), BTreeSet::new());
    assert!(loops(&graph).is_empty());
    graph.insert(c.clone(), [a.clone()].into());
    assert_eq!(loops(&graph), vec![vec![a, b, c]]);

    let long = format!(
        "fn f() {{\n{}}}\n",
        "    let _ = 1;\n".repeat(MAX_FUNCTION_LINES)
    );
    let mut visitor = LongFunctions {
        file: "x.rs",
        found: Vec::new(),
    };
    visitor.visit_file(&syn::parse_file(&long).expect("valid Rust"));
    assert_eq!(visitor.found.len(), 1, "{:?}", visitor.found);
}
