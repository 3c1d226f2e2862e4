"""What make site writes for the web server: gzip copies, and a content policy that allows the
theme's inline scripts by their hashes and refuses to allow any other."""

import gzip

import pytest

from plansite.site import serving

# Material's first inline script, as base.html writes it for a page two folders deep.
SCOPE = (
    '__md_scope=new URL("../..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
    '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
    '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'
)


def page(*scripts: str) -> str:
    body = "".join(f"<script>{script}</script>" for script in scripts)
    return f'<html><head>{body}<script src="x.js"></script><script type="application/json">{{}}</script></head></html>'


def test_the_themes_inline_scripts_are_allowed_by_their_hashes_and_nothing_inline_else(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "index.html").write_text(page(SCOPE), encoding="utf-8")
    (tmp_path / "index.html").write_text(page(SCOPE.replace('"../.."', '"."')), encoding="utf-8")
    serving.prepare(tmp_path)
    policy = (tmp_path / serving.POLICY_FILE).read_text(encoding="utf-8")
    assert policy.count("'sha256-") == 2  # one per depth; the script with src= and the JSON block need none
    assert "unsafe" not in policy
    assert gzip.decompress((tmp_path / "index.html.gz").read_bytes()) == (tmp_path / "index.html").read_bytes()


@pytest.mark.parametrize(
    "foreign",
    [
        "alert(1)",
        # The theme's script, its template expression broken out of its quotes.
        SCOPE.replace('"../.."', '"",alert(1),""'),
        SCOPE + ";alert(1)",
    ],
)
def test_an_inline_script_no_template_writes_stops_the_build(tmp_path, foreign):
    (tmp_path / "index.html").write_text(page(SCOPE, foreign), encoding="utf-8")
    with pytest.raises(serving.ForeignScript, match="index.html"):
        serving.prepare(tmp_path)
    assert not (tmp_path / serving.POLICY_FILE).exists()
