#!/usr/bin/env python3
"""Compare fastcollect's lexer with CPython's tokenize module, file by file.

For every .py file under the given directories, the token types and exact texts that
tokenize.tokenize lists (the ENCODING token skipped) are compared with the output of
`fastcollect --dump-tokens` (see Sources/ModuleScanner/TokenDump.swift), which is run once
per batch of files. A file tokenize rejects must be one the lexer reports a diagnostic for.
Meant for the machine's python3, CPython 3.11, whose tokenize knows no f-string tokens.

Usage: check-tokenize.py [--binary PATH] [--batch N] [--context N] DIR_OR_FILE...
Exit status: 0 when every file matches, 1 otherwise, 2 on usage or binary failure.
"""

import argparse
import io
import multiprocessing
import os
import subprocess
import sys
import tokenize


def python_files(roots):
    files = []
    for root in roots:
        if os.path.isfile(root):
            files.append(root)
            continue
        for directory, subdirectories, names in os.walk(root):
            subdirectories.sort()
            files.extend(os.path.join(directory, name) for name in sorted(names) if name.endswith(".py"))
    return files


def escape(data):
    out = []
    for byte in data:
        if byte == 0x5C:
            out.append("\\\\")
        elif byte == 0x09:
            out.append("\\t")
        elif byte == 0x0A:
            out.append("\\n")
        elif byte == 0x0D:
            out.append("\\r")
        elif 0x20 <= byte <= 0x7E:
            out.append(chr(byte))
        else:
            out.append("\\x%02x" % byte)
    return "".join(out)


def reference_tokens(path):
    """(tokens, None) with tokens as 'TYPE\\ttext' lines, or (None, reason) when tokenize rejects."""
    with open(path, "rb") as handle:
        data = handle.read()
    tokens = []
    encoding = "utf-8"
    try:
        for token in tokenize.tokenize(io.BytesIO(data).readline):
            if token.type == tokenize.ENCODING:
                encoding = "utf-8" if token.string == "utf-8-sig" else token.string
                continue
            text = token.string.encode(encoding, "surrogateescape")
            tokens.append(tokenize.tok_name[token.type] + "\t" + escape(text))
    except (tokenize.TokenError, SyntaxError, UnicodeError, ValueError) as error:
        return None, "%s: %s" % (type(error).__name__, error)
    return tokens, None


def run_binary(binary, chunk):
    """Maps each path of the chunk to (token lines, diagnostics line) as the binary prints them."""
    results = {}
    completed = subprocess.run([binary, "--dump-tokens", *chunk], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if completed.returncode != 0:
        sys.stderr.write("check-tokenize: %s exited with %d on a batch starting at %s\n%s"
                         % (binary, completed.returncode, chunk[0], completed.stderr.decode(errors="replace")))
        sys.exit(2)
    current = None
    for line in completed.stdout.decode("utf-8", "surrogateescape").split("\n"):
        if line.startswith("==> "):
            current = line[4:]
            results[current] = ([], "")
        elif current is None or not line:
            continue
        elif line.startswith("# diagnostics: "):
            results[current] = (results[current][0], line)
        else:
            results[current][0].append(line)
    return results


def diagnostics_count(line):
    try:
        return int(line[len("# diagnostics: "):].split()[0])
    except (ValueError, IndexError):
        return -1


def show_mismatch(path, expected, actual, context):
    index = 0
    while index < len(expected) and index < len(actual) and expected[index] == actual[index]:
        index += 1
    print("MISMATCH %s: first difference at token %d" % (path, index))
    low = max(0, index - context)
    for label, tokens in (("tokenize", expected), ("lexer   ", actual)):
        for position in range(low, min(len(tokens), index + context + 1)):
            marker = ">>" if position == index else "  "
            print("  %s %s %5d %s" % (label, marker, position, tokens[position]))
        if index >= len(tokens):
            print("  %s >> %5d <end of tokens>" % (label, index))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=".build/debug/fastcollect")
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--context", type=int, default=3)
    parser.add_argument("roots", nargs="+")
    options = parser.parse_args()
    if not os.access(options.binary, os.X_OK):
        parser.error("no executable at %s" % options.binary)

    files = python_files(options.roots)
    identical = mismatched = rejected = rejected_with_error = 0
    with multiprocessing.Pool() as pool:
        for first in range(0, len(files), options.batch):
            chunk = files[first:first + options.batch]
            references = pool.map(reference_tokens, chunk, chunksize=8)
            dumps = run_binary(options.binary, chunk)
            for path, (expected, reason) in zip(chunk, references):
                if path not in dumps:
                    print("MISSING %s: no output from the lexer" % path)
                    mismatched += 1
                    continue
                actual, diagnostics = dumps[path]
                if expected is None:
                    rejected += 1
                    if diagnostics_count(diagnostics) > 0:
                        rejected_with_error += 1
                    else:
                        print("UNREPORTED %s: tokenize rejects it (%s) but the lexer reports nothing" % (path, reason))
                        mismatched += 1
                elif expected == actual:
                    identical += 1
                else:
                    mismatched += 1
                    show_mismatch(path, expected, actual, options.context)
            sys.stdout.flush()

    print("files: %d, identical: %d, mismatched: %d, tokenize-rejected: %d (lexer-reported-error: %d)"
          % (len(files), identical, mismatched, rejected, rejected_with_error))
    return 1 if mismatched else 0


if __name__ == "__main__":
    sys.exit(main())
