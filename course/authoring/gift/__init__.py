"""Moodle GIFT import and export: ``course import-gift FILE --module DIR`` and ``course export-gift DIR``.

``parse`` reads GIFT with the lark grammar in ``gift.lark``; ``convert`` (with ``types``, ``texts`` and
``html``) turns question blocks into this project's questions as Moodle's importer reads them;
``importer`` adds them to a module's quiz.toml; ``export`` writes quiz questions back as GIFT.
"""
