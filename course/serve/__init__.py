"""``course serve``: the course for a class in the browser (textual-serve, one app process per visitor).

``accounts`` keeps the learners' sign-in names and hashed passwords; ``session`` is the program each
visitor's browser tab runs (sign in, then the course as that learner only); ``server`` is the web server.
"""
