#!/usr/bin/python3
"""What Python's feedparser (the reference reader) finds in each feed file of a folder, as JSON.

Usage: /usr/bin/python3 bench/feedparser_entries.py <folder>   (Debian's python3-feedparser)
Prints {"<file>": {"bozo": bool, "version": str, "entries": [{"id", "link", "title"}]}}.
"""
import json
import os
import sys

import feedparser

folder = sys.argv[1]
out = {}
for name in sorted(os.listdir(folder)):
    path = os.path.join(folder, name)
    if not os.path.isfile(path) or name.endswith('.tsv') or name.startswith('.'):
        continue
    with open(path, 'rb') as f:
        data = f.read()
    if data.lstrip()[:1] == b'{':
        try:
            doc = json.loads(data)
            items = doc.get('items', []) if isinstance(doc, dict) else []
            out[name] = {'bozo': not isinstance(doc, dict) or 'version' not in doc, 'version': 'json',
                         'entries': [{'id': str(i.get('id', '')), 'link': i.get('url') or '', 'title': i.get('title') or ''} for i in items if isinstance(i, dict)]}
        except ValueError:
            out[name] = {'bozo': True, 'version': 'json', 'entries': []}
        continue
    d = feedparser.parse(data, response_headers={'content-location': 'https://feeds.example/' + name, 'content-type': 'application/xml'})
    out[name] = {
        'bozo': bool(d.bozo),
        'bozoException': str(d.get('bozo_exception', ''))[:200],
        'version': d.version,
        'entries': [{'id': e.get('id', ''), 'link': e.get('link', ''), 'title': e.get('title', '')} for e in d.entries],
    }
json.dump(out, sys.stdout)
