#!/usr/bin/env python3
"""Checks that everything pointing at the release archives points at real ones.

Three installers name files on the GitHub release page without building them:
the Mason package (editors/neovim/mason/package.yaml), `cargo binstall`
(Cargo.toml's [package.metadata.binstall]) and, through the archive's
layout, the VS Code extension's bundled server. A name or path that drifts
from what dist builds breaks an install only after a release. This script
reads dist's own plan (`dist manifest --output-format=json --artifacts=all`)
and checks each of them against it; the archives and .vsix files built
locally are opened and checked too.

Usage:
  check_release_metadata.py MANIFEST.json [--archives DIR] [--vsix FILE:TARGET]...

Exits 1 with one line per problem.
"""

import argparse
import json
import stat
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

# Mason's target names (mason-core/platform) and the triples each may take.
MASON_TARGETS = {
    "linux_x64_gnu": {"x86_64-unknown-linux-gnu"},
    "linux_x64_musl": {"x86_64-unknown-linux-musl"},
    "linux_x64": {"x86_64-unknown-linux-gnu", "x86_64-unknown-linux-musl"},
    "linux_arm64": {"aarch64-unknown-linux-gnu", "aarch64-unknown-linux-musl"},
    "linux_arm64_gnu": {"aarch64-unknown-linux-gnu"},
    "linux_arm64_musl": {"aarch64-unknown-linux-musl"},
    "darwin_x64": {"x86_64-apple-darwin"},
    "darwin_arm64": {"aarch64-apple-darwin"},
    "win_x64": {"x86_64-pc-windows-msvc"},
    "win_arm64": {"aarch64-pc-windows-msvc"},
}

ARCHIVE_SUFFIXES = {"txz": ".tar.xz", "tgz": ".tar.gz", "zip": ".zip", "tzstd": ".tar.zst"}


def archives_from_manifest(manifest):
    """{archive file name: (target triple, path of the binary inside it)}."""
    archives = {}
    for name, artifact in manifest["artifacts"].items():
        if artifact.get("kind") != "executable-zip":
            continue
        (target,) = artifact["target_triples"]
        exe = next(a["path"] for a in artifact["assets"] if a.get("kind") == "executable")
        # dist puts a tarball's files in a folder named after it, and a zip's
        # at its top level.
        if name.endswith(".zip"):
            inside = exe
        else:
            inside = f"{name.split('.tar.')[0]}/{exe}"
        archives[name] = (target, inside)
    return archives


def check_mason(archives, version, repository, problems):
    package = yaml.safe_load((ROOT / "editors/neovim/mason/package.yaml").read_text())
    owner_repo = repository.removeprefix("https://github.com/")
    want_id = f"pkg:github/{owner_repo}@v{version}"
    if package["source"]["id"] != want_id:
        problems.append(f"mason: source.id is {package['source']['id']}, the release is {want_id}")
    covered = set()
    for asset in package["source"]["asset"]:
        file, bin_path, mason_target = asset["file"], asset["bin"], asset["target"]
        if file not in archives:
            problems.append(f"mason: {mason_target} names {file}, which dist does not build")
            continue
        triple, inside = archives[file]
        if triple not in MASON_TARGETS.get(mason_target, set()):
            problems.append(f"mason: {mason_target} points at {file}, built for {triple}")
        if bin_path != inside:
            problems.append(f"mason: {mason_target}'s bin is {bin_path}, the archive has {inside}")
        covered.add(triple)
    for file, (triple, _) in archives.items():
        if triple not in covered:
            problems.append(f"mason: no asset for {triple} ({file})")
    lspconfig = package["neovim"]["lspconfig"]
    if not (ROOT / f"editors/neovim/lsp/{lspconfig}.lua").is_file():
        problems.append(f"mason: neovim.lspconfig is {lspconfig}, but editors/neovim/lsp/{lspconfig}.lua is missing")
    print(f"mason: {len(package['source']['asset'])} assets, {want_id}, lspconfig {lspconfig}")


def render(template, values):
    for key, value in values.items():
        template = template.replace("{ " + key + " }", value).replace("{" + key + "}", value)
    return template


def check_binstall(archives, cargo, problems):
    meta = cargo["package"]["metadata"]["binstall"]
    overrides = meta.get("overrides", {})
    name, version = cargo["package"]["name"], cargo["package"]["version"]
    repository = cargo["package"]["repository"]
    url = ""
    for file, (triple, inside) in sorted(archives.items()):
        settings = {**meta, **overrides.get(triple, {})}
        settings.pop("overrides", None)
        values = {
            "repo": repository,
            "name": name,
            "version": version,
            "target": triple,
            "archive-suffix": ARCHIVE_SUFFIXES[settings["pkg-fmt"]],
            "bin": name,
            "binary-ext": ".exe" if "windows" in triple else "",
        }
        url = render(settings["pkg-url"], values)
        want_url = f"{repository}/releases/download/v{version}/{file}"
        if url != want_url:
            problems.append(f"binstall: {triple} downloads {url}, the release has {want_url}")
        bin_dir = render(settings["bin-dir"], values)
        if bin_dir != inside:
            problems.append(f"binstall: {triple} looks for {bin_dir}, the archive has {inside}")
    print(f"binstall: {len(archives)} targets, e.g. {url}")


def check_local_archives(folder, archives, problems):
    built = sorted(p for p in folder.iterdir() if p.name in archives)
    if not built:
        problems.append(f"archives: none of dist's archives is in {folder}")
    for path in built:
        triple, inside = archives[path.name]
        if path.name.endswith(".zip"):
            with zipfile.ZipFile(path) as z:
                names = z.namelist()
                mode = z.getinfo(inside).external_attr >> 16 if inside in names else 0
        else:
            with tarfile.open(path) as t:
                members = {m.name: m for m in t.getmembers()}
                names = list(members)
                mode = members[inside].mode if inside in members else 0
        if inside not in names:
            problems.append(f"archives: {path.name} has no {inside} (it has {', '.join(names)})")
        elif "windows" not in triple and not mode & stat.S_IXUSR:
            problems.append(f"archives: {inside} in {path.name} is not executable")
        print(f"archive: {path.name} holds {inside} ({path.stat().st_size:,} bytes)")


def check_vsix(spec, problems):
    path, _, target = spec.partition(":")
    with zipfile.ZipFile(path) as z:
        manifest = z.read("extension.vsixmanifest").decode()
        exe = "copydesk.exe" if target.startswith("win32") else "copydesk"
        inside = f"extension/server/{exe}"
        if inside not in z.namelist():
            problems.append(f"vsix: {path} has no {inside}")
        elif not target.startswith("win32") and not (z.getinfo(inside).external_attr >> 16) & stat.S_IXUSR:
            problems.append(f"vsix: {inside} in {path} is not executable")
    if f'TargetPlatform="{target}"' not in manifest:
        problems.append(f"vsix: {path} is not marked for {target} (extension.vsixmanifest)")
    print(f"vsix: {Path(path).name} is for {target} and carries {inside}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("manifest", type=Path, help="dist manifest --output-format=json --artifacts=all")
    parser.add_argument("--archives", type=Path, help="folder of locally built archives (target/distrib)")
    parser.add_argument("--vsix", action="append", default=[], metavar="FILE:TARGET")
    args = parser.parse_args()

    manifest = json.loads(args.manifest.read_text())
    cargo = tomllib.loads((ROOT / "Cargo.toml").read_text())
    archives = archives_from_manifest(manifest)
    problems = []
    if not archives:
        problems.append("dist's manifest lists no archives")
    check_mason(archives, cargo["package"]["version"], cargo["package"]["repository"], problems)
    check_binstall(archives, cargo, problems)
    if args.archives:
        check_local_archives(args.archives, archives, problems)
    for spec in args.vsix:
        check_vsix(spec, problems)
    for problem in problems:
        print(f"check_release_metadata: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
