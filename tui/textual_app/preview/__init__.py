"""``course preview``: the app on a course being written, reloaded when one of its files changes.

``watcher`` watches the folder (watchfiles, in a thread of its own), ``session`` drains the store
writer, reloads the course and rebuilds the screens at the author's place, and ``errors_screen``
shows the located errors of a version that does not load. Nothing here is imported at start-up
unless the preview runs.
"""
