//! Busan's 16 districts as living zones, with public facilities in them: the data the dev and
//! testnet presets start with, so a wallet's map screen has something real to show.
//!
//! Reference points are the district offices (WGS84, micro-degrees, to about 100 m), except
//! Dongnae-gu's, taken nearer the district's middle so that Sajik, in the district, is nearer to
//! it than to Yeonje-gu's office (a facility must lie in its zone: nearest reference point);
//! neighbours are districts that share a border (Yeongdo by its bridges). A city that uses
//! the finer 62 living zones registers them the same way (`FacilityBooking::register_zone`).

/// A zone: id, Korean name, English name, latitude and longitude (micro-degrees), neighbours.
pub type ZoneRow = (u16, &'static str, &'static str, i32, i32, &'static [u16]);

/// Busan's districts (구/군), ids 1–16.
pub const ZONES: [ZoneRow; 16] = [
	(1, "중구", "Jung-gu", 35_106_400, 129_032_400, &[2, 3, 4]),
	(2, "서구", "Seo-gu", 35_097_900, 129_024_300, &[1, 3, 4, 5, 10, 15]),
	(3, "동구", "Dong-gu", 35_129_400, 129_045_400, &[1, 2, 5, 7]),
	(4, "영도구", "Yeongdo-gu", 35_091_100, 129_067_900, &[1, 2]),
	(5, "부산진구", "Busanjin-gu", 35_162_900, 129_053_200, &[2, 3, 6, 7, 8, 13, 15]),
	(6, "동래구", "Dongnae-gu", 35_200_000, 129_070_000, &[5, 8, 9, 11, 13]),
	(7, "남구", "Nam-gu", 35_136_600, 129_084_300, &[3, 5, 13, 14]),
	(8, "북구", "Buk-gu", 35_197_200, 128_990_300, &[5, 6, 11, 12, 15]),
	(9, "해운대구", "Haeundae-gu", 35_163_100, 129_163_600, &[6, 11, 13, 14, 16]),
	(10, "사하구", "Saha-gu", 35_104_500, 128_974_900, &[2, 12, 15]),
	(11, "금정구", "Geumjeong-gu", 35_243_000, 129_092_200, &[6, 8, 9, 16]),
	(12, "강서구", "Gangseo-gu", 35_212_200, 128_980_700, &[8, 10, 15]),
	(13, "연제구", "Yeonje-gu", 35_176_200, 129_079_900, &[5, 6, 7, 9, 14]),
	(14, "수영구", "Suyeong-gu", 35_145_500, 129_113_200, &[7, 9, 13]),
	(15, "사상구", "Sasang-gu", 35_152_600, 128_991_000, &[2, 5, 8, 10, 12]),
	(16, "기장군", "Gijang-gun", 35_244_600, 129_222_200, &[9, 11]),
];

/// Facility categories: id, Korean name, English name.
pub type CategoryRow = (u16, &'static str, &'static str);

/// Libraries, sports halls, children's culture spaces, community centres.
pub const CATEGORIES: [CategoryRow; 4] = [
	(1, "도서관", "Library"),
	(2, "체육시설", "Sports hall"),
	(3, "어린이 복합문화공간", "Children's culture space"),
	(4, "행정복지센터", "Community centre"),
];

/// A facility: zone, category, Korean name, English name, latitude, longitude (micro-degrees),
/// places per slot, fee per slot in won (0 = free).
pub type FacilityRow = (u16, u16, &'static str, &'static str, i32, i32, u16, u128);

/// A handful of Busan's public facilities.
pub const FACILITIES: [FacilityRow; 8] = [
	(5, 1, "부산광역시립시민도서관", "Busan Simin Library", 35_161_700, 129_043_100, 40, 0),
	(15, 1, "부산도서관", "Busan Library", 35_171_600, 128_983_900, 60, 0),
	(9, 1, "해운대도서관", "Haeundae Library", 35_171_900, 129_172_800, 30, 0),
	(6, 2, "사직실내체육관", "Sajik Indoor Gymnasium", 35_191_400, 129_061_300, 24, 20_000),
	(
		11,
		2,
		"금정체육공원 실내체육관",
		"Geumjeong Sports Park Hall",
		35_252_000,
		129_087_200,
		20,
		10_000,
	),
	(14, 3, "수영구 들락날락", "Suyeong Deullak-nallak", 35_152_400, 129_112_500, 15, 0),
	(7, 3, "남구 들락날락", "Nam-gu Deullak-nallak", 35_136_900, 129_092_700, 15, 0),
	(1, 4, "중앙동 행정복지센터", "Jungang-dong Community Centre", 35_104_200, 129_036_200, 10, 0),
];
