"""Given names. `GIVEN_NAMES`, common English ones (US/UK census top names, both sexes): a one-word mention the model
tags as a person and that is one of these is a person, not the homonymous town (George, Casey, Mary).
`census_given_names()`, the full US census lists, for a given name followed by another name ("Hattie Jackson")."""

import functools
import importlib.resources

GIVEN_NAMES = frozenset("""
Aaron Adam Alan Albert Alex Alice Alicia Allen Amanda Amber Amy Andrea Andrew Angela Ann Anna Anne Anthony Arthur
Ashley Barbara Ben Benjamin Betty Beverly Bill Billy Bob Bobby Bonnie Brandon Brenda Brian Bruce Bryan Carl Carol
Caroline Carolyn Casey Catherine Charles Charlie Cheryl Chris Christina Christine Christopher Cindy Craig Cynthia
Dan Daniel Danny Dave David Dawn Debbie Deborah Debra Denise Dennis Diana Diane Donald Donna Doris Dorothy Doug
Ed Edward Elizabeth Emily Emma Eric Eugene Evelyn Frank Fred Gary George Gerald Gloria Grace Greg Gregory Hannah
Harold Heather Helen Henry Jack Jacob Jacqueline James Jamie Jane Janet Janice Jason Jean Jeff Jeffrey Jennifer
Jeremy Jerry Jessica Jim Jimmy Joan Joe John Johnny Jonathan Jose Joseph Joshua Joyce Juan Judith Judy Julia Julie
Justin Karen Katherine Kathleen Kathryn Kathy Katie Keith Kelly Ken Kenneth Kevin Kim Kimberly Larry Laura Lauren
Lawrence Linda Lisa Lori Louis Margaret Maria Marie Marilyn Mark Martha Martin Mary Matt Matthew Megan Melissa
Michael Michelle Mike Nancy Nathan Nicholas Nick Nicole Pamela Pat Patricia Patrick Paul Peggy Peter Phillip
Rachel Ralph Randy Raymond Rebecca Richard Rick Rita Robert Robin Roger Ronald Rose Roy Russell Ruth Ryan Sam
Samuel Sandra Sara Sarah Scott Sean Sharon Shirley Stephanie Stephen Steve Steven Susan Teresa Terry Theresa
Thomas Tim Timothy Tina Todd Tom Tony Tracy Vicki Victoria Vincent Virginia Walter Wayne William Willie
""".split())


@functools.lru_cache(maxsize=1)
def census_given_names() -> frozenset[str]:
    """The US census (1990) given names of both sexes from the `names` package ('Hattie', 'Ezra', 'Leon', 'Wade'),
    Title-cased, with `GIVEN_NAMES`: 5,163 names. Wider than `GIVEN_NAMES` and so holding many town names too
    (Austin, Charlotte, Tyler): use it only where a name-like word follows ('Hattie Jackson'), never for a name
    standing alone."""
    root = importlib.resources.files("names")
    lines = (line for part in ("dist.male.first", "dist.female.first")
             for line in root.joinpath(part).read_text(encoding="ascii", errors="ignore").splitlines())
    return frozenset({line.split()[0].title() for line in lines if line.strip()} | GIVEN_NAMES)
