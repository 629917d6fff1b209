"""web/build_assets.py: the bundle loses its Google Fonts import and keeps one socket per page."""

import pytest

from web.build_assets import SOCKET_EXISTS, SOCKET_INITIALIZED, patch

pytestmark = pytest.mark.unit

FONTS = "@import url('https://fonts.googleapis.com/css?family=Lato');"
BUNDLE = f'a="{FONTS}.rw-widget{{}}";{{{SOCKET_INITIALIZED}}}'


def test_patch_removes_the_fonts_import_and_keeps_one_socket():
    patched = patch(BUNDLE)
    assert "googleapis" not in patched
    assert SOCKET_INITIALIZED not in patched
    assert SOCKET_EXISTS in patched


@pytest.mark.parametrize(
    "bundle",
    [
        BUNDLE.replace(SOCKET_INITIALIZED, ""),  # the socket check changed upstream
        BUNDLE + SOCKET_INITIALIZED,  # found twice: which one is the wrapper's?
        BUNDLE.replace(FONTS, ""),  # no fonts import to remove
    ],
)
def test_patch_refuses_a_bundle_that_is_not_as_expected(bundle):
    with pytest.raises(SystemExit):
        patch(bundle)
