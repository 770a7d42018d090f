"""The words the quote finder knows: reporting verbs, the nouns for unnamed people, documents,
organisations and places, and titles. Lists, so the rules read as prose and grow in one place."""

import re

CUE_LEMMAS = frozenset(
    """say tell add warn insist argue claim explain clarify note ask write post state
    declare announce admit acknowledge confirm deny reply respond answer suggest stress
    emphasise emphasize maintain contend complain caution concede predict promise urge
    recall remark observe continue conclude describe agree tweet testify report""".split()
)


PRONOUNS = frozenset("he she they i we it".split())


ANONYMOUS_HEADS = frozenset(
    """official officials source sources person people insider insiders aide aides diplomat
    diplomats executive executives engineer engineers employee employees staff member
    members adviser advisers advisor advisors analyst analysts lawyer lawyers worker
    workers resident residents servant servants firefighter firefighters officer officers
    colleague colleagues trader traders shopkeeper shopkeepers parent parents driver drivers
    passenger passengers nurse nurses doctor doctors teacher teachers volunteer volunteers
    neighbour neighbours activist activists supervisor supervisors owner owners manager
    managers agent agents landlord landlords tenant tenants patient patients relative
    relatives student students customer customers shopper shoppers fan fans local locals
    villager villagers witness witnesses trustee trustees campaigner campaigners critic
    critics expert experts scientist scientists researcher researchers""".split()
)


ANONYMOUS_CUES = (
    "familiar with",
    "close to",
    "condition of anonymity",
    "not to be named",
    "not authori",
    "declined to be named",
    "asked not to",
    "want to be named",
    "wish to be named",
    "be identified",
)


DOCUMENT_HEADS = frozenset(
    """report study survey statement document filing analysis review letter data figures
    poll audit memo paper minutes ruling judgment judgement""".split()
)


ORGANISATION_NOUNS = frozenset(
    """company firm union council authority ministry department government club university
    school hospital bank regulator board committee agency party group league trust
    retailer utility operator airline service force police office""".split()
)


#: Singular nouns for an unnamed person a later "he" or "she" may stand for.
HUMAN_NOUNS = ANONYMOUS_HEADS | frozenset("spokesperson representative".split())


ONE_OF = re.compile(r"^((one|another|both|either|neither) of|the other)\b", re.IGNORECASE)


#: Capitalised words that start sentences or titles but are not first names.
NOT_NAMES = frozenset("the a an mr mrs ms dr said but and minister chief professor".split())


#: Words that make a proper-noun run an organisation, not a person.
ORGANISATION_WORDS = frozenset(
    """team council authority ltd limited plc inc group university college association union
    trust bank board committee office department ministry agency water homes stores club fc
    league party court police service services panel company corporation partners capital
    hospital school institute foundation ferries buses airways airlines rail railways energy
    motors foods media holdings insurance trains coaches""".split()
)


FEMALE = frozenset("mrs ms miss dame lady she spokeswoman chairwoman woman mother".split())


MALE = frozenset("mr sir lord he spokesman chairman man father".split())


#: Words that make a proper-noun run a place or an institution, not a person.
PLACE_WORDS = frozenset(
    """road street lane avenue primary academy centre center station park museum library
    gallery theatre airport harbour bridge estate ward fields""".split()
)


#: Titles that head a proper-noun run ("Education Secretary") without naming anyone.
TITLE_WORDS = frozenset(
    """secretary minister chancellor president chair chairman chairwoman director governor
    mayor leader spokesman spokeswoman judge justice commissioner inspector""".split()
)


#: Organisation nouns that name a business ("the company said"), not a public body.
COMPANY_NOUNS = frozenset("company firm operator retailer utility airline business chain".split())


#: Other words for a role in a title before a name ("Mr Justice Nuñez" is "the judge").
ROLE_ALSO = {"judge": ("justice",)}


#: Other words in the names of bodies that an organisation noun stands for.
ALSO_CALLED = {"force": ("police", "constabulary"), "firm": ("company",)}


#: Organisation nouns that may stand for a body whose name does not contain them.
GENERIC_NOUNS = frozenset("club group union party".split())


PUBLIC_BODY_WORDS = frozenset(
    """council authority ministry department government university college school hospital
    agency board committee court police party union trust panel office parliament""".split()
)


#: Plural nouns for bodies that speak as themselves, not as unnamed people.
COLLECTIVE_NOUNS = frozenset("police ministers authorities forces services".split())
