"""Pages the kit gives every entity: `crud` (list, detail, edit, delete, transitions, reveal),
`excel` (template, import, export), `jobs` (progress, download), `recycle` (recycle bin),
`figures` (overview pages), `pages` (module overviews and error pages)."""
