"""Words too common to search for on their own: prepositions, conjunctions, particles,
pronouns and the forms of "быть" (Russian), and the commonest Kazakh function words.

They stay in the index (a phrase in quotes, "в течение недели", needs them); a query
simply does not require them when it has other words. A word that occurs in nearly every
article finds nothing in particular, and ranking it would mean reading the whole index.
"""

RUSSIAN = frozenset(
    """
    а без безо бы был была были было быть в вам вас во вот все всё всего всех вы где да даже для до
    его ее её ей ему если есть еще ещё же за здесь и из изо или им ими их к как ко кто ли либо меж
    между мне мной мы на над надо не него нее неё ней нем нём нет ни нибудь ним ними них но ну о об
    обо он она они оно от ото по под подо при про с со так также там те тем то того тоже той только
    том тот ту тут ты у уж уже чем что чтоб чтобы эта эти это этого этой этом этот эту я
    """.split()
)
KAZAKH = frozenset(
    "және мен бен пен да де та те бұл осы сол ол үшін бойынша туралы деп еді екен ғана".split()
)
STOP_WORDS = RUSSIAN | KAZAKH
