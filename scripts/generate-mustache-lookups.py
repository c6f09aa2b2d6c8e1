#!/usr/bin/env python3
"""Writes Sources/TutoratRender/ViewModels+Mustache.swift from the view models."""
import re, sys
files = ['PageView.swift', 'ContentViews.swift', 'FollowUpViews.swift', 'Charts.swift', 'DateText.swift']
import os
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
structs = []  # (qualified name, props)
for f in files:
    lines = open(ROOT + '/Sources/TutoratViews/' + f).read().split('\n')
    stack = []  # (indent, name)
    for line in lines:
        m = re.match(r'^(\s*)public struct (\w+)', line)
        if m:
            indent = len(m.group(1))
            while stack and stack[-1][0] >= indent: stack.pop()
            qual = '.'.join([n for _, n in stack] + [m.group(2)])
            stack.append((indent, m.group(2)))
            structs.append([qual, indent, []])
            continue
        m = re.match(r'^(\s*)public (?:var|let) (\w+):', line)
        if m and structs:
            indent = len(m.group(1))
            # belongs to the innermost struct whose indent is indent-4
            for s in reversed(structs):
                if s[1] == indent - 4:
                    s[2].append(m.group(2)); break
out = ['import Mustache', 'import TutoratViews', '',
 '// Mustache reads view models through `MustacheParent` lookups instead of',
 '// reflection (`Mirror`), which measured three times slower (performance.md).',
 '// One case per property, generated from the view models by',
 '// `scripts/generate-mustache-lookups.py`; run it after changing a view model.', '']
for qual, indent, props in structs:
    if qual == 'PageView': continue
    out += [f'extension {qual}: MustacheParent {{', '    public func child(named name: String) -> Any? {', '        switch name {']
    for p in dict.fromkeys(props):
        out.append(f'        case "{p}": return self.{p}')
    out += ['        default: return nil', '        }', '    }', '}', '']
open(ROOT + '/Sources/TutoratRender/ViewModels+Mustache.swift', 'w').write('\n'.join(out))
print(len(structs), 'structs')
