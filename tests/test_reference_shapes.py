"""The boundary files as the app reads them: every province and district with its codes and
names, in WGS84, read without GDAL (which would weigh some 30 MB in every server process)."""
import subprocess
import sys

from data_access.reference import district_shapes, province_shapes, province_table
from data_access.settings import PROJECT_ROOT


def test_every_province_and_district_with_its_codes_and_names():
    provinces, districts = province_shapes(), district_shapes()
    assert len(provinces) == 77 and len(districts) == 928
    assert sorted(provinces["code"]) == sorted(province_table()["code"])
    assert provinces.crs.to_epsg() == 4326 and districts.crs.to_epsg() == 4326
    bangkok = provinces.loc[provinces["code"] == "10"].iloc[0]
    assert (bangkok["name_th"], bangkok["name_en"]) == ("กรุงเทพมหานคร", "Bangkok")
    assert set(districts["province_code"]) == set(provinces["code"])
    assert (districts["code"].str[:2] == districts["province_code"]).all()
    assert districts["code"].is_monotonic_increasing and districts["code"].is_unique
    west, south, east, north = provinces.total_bounds
    assert 97 < west < 98 and 5 < south < 6 and 105 < east < 106 and 20 < north < 21  # Thailand
    assert provinces.geometry.is_valid.all() and not districts.geometry.is_empty.any()


def test_reading_the_boundaries_loads_no_gdal():
    script = ("import sys; from data_access.reference import district_shapes, province_shapes; "
              "province_shapes(); district_shapes(); print('pyogrio' in sys.modules, 'fiona' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"], done.stderr
