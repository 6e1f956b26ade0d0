"""Original demo content for the `load_demo` management command.

Everything here was written for this project: the news of Long Biên ward
(phường Long Biên, Hà Nội, under the two-level local government in place
since 1 July 2025),
the reporters, the officials quoted and all figures are invented for
demonstration and do not report real events. Ward names are used only as
settings.

Shapes:

* ``PORTAL``: the portal's identity and legal footer (news.models.PortalIdentity);
  its logo is drawn by news.demo_images.demo_logo.
* ``CATEGORIES``: ``{"name", "slug", "order"}``.
* ``AUTHORS``: ``{"name", "bio"}``.
* ``ARTICLES``: published articles ``{"title", "category" (slug), "author"
  (name), "source", "lead", "body" (HTML), "photos", "days_ago", "hour",
  "minute", "views"}``. The lead never starts with the source code; the site
  prints "HNP - " in front of it. Each photo is ``{"caption", "alt", "credit",
  "color"}``; ``color`` tints the generated placeholder image.
* ``DRAFT_ARTICLE``: one unpublished draft of the same shape.
* ``SCHEDULED_ARTICLE``: one article of the same shape whose publish time lies
  in the future (negative ``days_ago``).
"""

from __future__ import annotations

# The licence number, the people and the contact details are invented.
PORTAL = {
    "name": "Tin tức Long Biên",
    "short_name": "LB",
    "tagline": "Thông tin phường Long Biên, thành phố Hà Nội",
    "description": "Tin tức, sự kiện và hoạt động của phường Long Biên, thành phố Hà Nội.",
    "source": "HNP",
    "governing_body": "Ủy ban nhân dân phường Long Biên",
    "responsible_person": "Hoàng Minh Tuấn — Chủ tịch UBND phường",
    "licence": (
        "Giấy phép thiết lập trang thông tin điện tử tổng hợp số 00/GP-TTĐT (số minh họa của "
        "bản trình diễn)"
    ),
    "address": "Trụ sở UBND phường Long Biên, thành phố Hà Nội",
    "phone": "024 0000 0000",
    "email": "toasoan@longbien.example.vn",
}

CATEGORIES = [
    {"name": "Chính trị", "slug": "chinh-tri", "order": 1},
    {"name": "Kinh tế", "slug": "kinh-te", "order": 2},
    {"name": "Văn hóa - Xã hội", "slug": "van-hoa-xa-hoi", "order": 3},
    {"name": "Đô thị", "slug": "do-thi", "order": 4},
    {"name": "An ninh - Trật tự", "slug": "an-ninh-trat-tu", "order": 5},
]

AUTHORS = [
    {
        "name": "Đông Hải",
        "bio": "Phóng viên theo dõi mảng xây dựng Đảng, chính quyền cơ sở và an ninh, trật tự.",
    },
    {"name": "Minh Thu", "bio": "Phóng viên mảng văn hóa, giáo dục, y tế và đời sống khu dân cư."},
    {
        "name": "Quang Vinh",
        "bio": "Phóng viên mảng đô thị, giao thông và môi trường ven sông Hồng.",
    },
    {"name": "Thanh Hương", "bio": "Biên tập viên mảng kinh tế, doanh nghiệp và chuyển đổi số."},
]

ARTICLES = [
    {
        "title": (
            "Đảng ủy phường Long Biên sơ kết hơn một năm vận hành chính quyền địa phương hai cấp"
        ),
        "category": "chinh-tri",
        "author": "Đông Hải",
        "source": "HNP",
        "lead": (
            "Ngày 30/10, Đảng ủy phường Long Biên tổ chức hội nghị sơ kết hơn một năm vận hành "
            "mô hình chính quyền địa phương hai cấp, đánh giá việc sắp xếp bộ máy, giải quyết thủ "
            "tục hành chính và chăm lo đời sống Nhân dân từ khi phường mới đi vào hoạt động."
        ),
        "body": (
            "<p>Báo cáo tại hội nghị cho biết, từ ngày 1/7/2025, khi phường Long Biên mới được "
            "thành lập trên cơ sở sắp xếp các đơn vị hành chính cũ, bộ máy Đảng ủy, HĐND, UBND "
            "và Ủy ban MTTQ Việt Nam phường đã nhanh chóng ổn định; cán bộ, công chức được bố "
            "trí theo vị trí việc làm, không để gián đoạn công việc của người dân. Trung tâm Phục "
            "vụ hành chính công phường tiếp nhận bình quân hơn 300 hồ sơ mỗi ngày, tỷ lệ giải "
            "quyết đúng và trước hạn đạt trên 98%.</p>\n"
            "<p>Phát biểu chỉ đạo hội nghị, đồng chí Trần Quốc Khánh, Phó Bí thư Thường trực "
            "Đảng ủy phường ghi nhận sự chủ động của các chi bộ, tổ dân phố trong thời gian đầu "
            "vận hành mô hình mới, đồng thời đề nghị thời gian tới tập trung vào ba nhiệm vụ "
            "trọng tâm. Một là, nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức cơ sở "
            "đảng, gắn với xây dựng đội ngũ cán bộ đủ phẩm chất, năng lực, dám nghĩ, dám làm. Hai "
            "là, đẩy mạnh cải cách hành chính, chuyển đổi số, lấy sự hài lòng của người dân và "
            "doanh nghiệp làm thước đo hiệu quả phục vụ. Ba là, quản lý chặt chẽ trật tự xây "
            "dựng, đất đai, giữ gìn cảnh quan môi trường khu vực ven sông và các khu đô thị "
            "mới.</p>\n"
            "<p>Hội nghị thống nhất các mục tiêu đến hết năm 2026: 100% thủ tục hành chính đủ "
            "điều kiện được cung cấp trực tuyến toàn trình; 95% tổ dân phố đạt danh hiệu “Tổ dân "
            "phố văn hóa”; không để phát sinh điểm nóng về an ninh, trật tự; hoàn thành chỉnh "
            "trang các nhà văn hóa tổ dân phố đã xuống cấp.</p>\n"
            "<p>Dịp này, Đảng ủy phường khen thưởng 12 tập thể và 25 cá nhân có thành tích tiêu "
            "biểu trong sắp xếp tổ chức bộ máy. Kết luận hội nghị, đồng chí Lê Thị Hồng Nhung, "
            "Bí thư Đảng ủy phường đề nghị mỗi cán bộ, đảng viên gần dân, sát dân, giải quyết "
            "dứt điểm kiến nghị của Nhân dân ngay tại cơ sở.</p>"
        ),
        "photos": [
            {
                "caption": (
                    "Phó Bí thư Thường trực Đảng ủy phường Trần Quốc Khánh phát biểu tại hội nghị."
                ),
                "alt": "Đại biểu phát biểu tại bục, phía sau là sân khấu trang trí cờ đỏ",
                "credit": "Đông Hải",
                "color": "#9b2226",
            },
            {
                "caption": (
                    "Bí thư Đảng ủy phường Lê Thị Hồng Nhung trao khen thưởng cho các tập thể "
                    "tiêu biểu."
                ),
                "alt": "Các đại biểu đứng thành hàng trên sân khấu, tay cầm hoa và giấy khen",
                "credit": "Đông Hải",
                "color": "#ae2012",
            },
        ],
        "days_ago": 29,
        "hour": 8,
        "minute": 45,
        "views": 1460,
    },
    {
        "title": "Đại biểu HĐND phường tiếp xúc cử tri khu dân cư Thạch Cầu trước kỳ họp cuối năm",
        "category": "chinh-tri",
        "author": "Đông Hải",
        "source": "HNP",
        "lead": (
            "Chiều 16/11, Tổ đại biểu HĐND phường số 3 tiếp xúc cử tri khu dân cư Thạch Cầu để báo "
            "cáo dự kiến nội dung kỳ họp thường lệ cuối năm và lắng nghe ý kiến, kiến nghị của "
            "Nhân "
            "dân."
        ),
        "body": (
            "<p>Tại hội nghị, đại diện Tổ đại biểu đã thông tin tới cử tri tình hình kinh tế - xã "
            "hội của phường trong 10 tháng, những nội dung dự kiến trình tại kỳ họp như kế hoạch "
            "đầu "
            "tư công năm tới, dự toán ngân sách và một số nghị quyết về chỉnh trang đô thị. Hơn "
            "120 cử tri là đại diện các tổ dân phố, hội đoàn thể và hộ kinh doanh trên địa bàn đã "
            "tham dự.</p>\n"
            "<p>Trong không khí dân chủ, thẳng thắn, 11 lượt ý kiến đã được cử tri nêu lên, tập "
            "trung vào tình trạng ngập úng cục bộ tại một số ngõ sau các trận mưa lớn, tiến độ cải "
            "tạo nhà văn hóa tổ dân phố số 7, việc bố trí điểm trông giữ xe quanh khu vực trường "
            "học và khung giờ thu gom rác thải sinh hoạt vào buổi tối.</p>\n"
            "<blockquote><p>“Ngõ nhà tôi mỗi lần mưa to là nước ngập quá nửa bánh xe máy, các cháu "
            "đi học rất vất vả. Mong phường sớm có phương án cải tạo hệ thống thoát nước để bà con "
            "yên tâm”, cử tri Phạm Văn Lộc, tổ dân phố số 5 chia sẻ.</p></blockquote>\n"
            "<p>Thay mặt Tổ đại biểu, bà Nguyễn Thị Thanh Bình, Phó Chủ tịch HĐND phường tiếp "
            "thu đầy đủ các ý kiến, đồng thời giải trình một số nội dung thuộc thẩm quyền. Đối với "
            "đề xuất cải tạo hệ thống thoát nước, UBND phường đã giao Ban Quản lý dự án khảo "
            "sát, đưa vào danh mục duy tu năm tới. Những kiến nghị chưa được trả lời trực tiếp sẽ "
            "được tổng hợp, chuyển các cơ quan chức năng xem xét và phản hồi cử tri theo quy "
            "định.</p>"
        ),
        "photos": [
            {
                "caption": (
                    "Phó Chủ tịch HĐND phường Nguyễn Thị Thanh Bình tiếp thu ý kiến của cử tri tại "
                    "hội nghị."
                ),
                "alt": "Nữ đại biểu phát biểu trước hội trường đông người dự",
                "credit": "Đông Hải",
                "color": "#2e6b8a",
            },
            {
                "caption": (
                    "Cử tri Phạm Văn Lộc, tổ dân phố số 5, phản ánh tình trạng ngập úng cục bộ "
                    "trong ngõ."
                ),
                "alt": "Một cử tri lớn tuổi cầm micro đứng phát biểu giữa hội trường",
                "credit": "",
                "color": "#3d5a80",
            },
        ],
        "days_ago": 12,
        "hour": 18,
        "minute": 20,
        "views": 870,
    },
    {
        "title": "Phường Long Biên đối thoại, tháo gỡ khó khăn cho hơn 200 doanh nghiệp",
        "category": "kinh-te",
        "author": "Thanh Hương",
        "source": "HNP",
        "lead": (
            "Sáng 8/11, UBND phường Long Biên tổ chức Hội nghị đối thoại với doanh nghiệp, hộ kinh "
            "doanh, tập trung giải đáp các vướng mắc về thủ tục đất đai, thuế và tiếp cận nguồn "
            "vốn ưu đãi."
        ),
        "body": (
            "<p>Theo báo cáo của Phòng Kinh tế, Hạ tầng và Đô thị phường, hiện trên địa bàn có hơn "
            "2.400 doanh nghiệp "
            "đang hoạt động, phần lớn là doanh nghiệp nhỏ và vừa trong các lĩnh vực thương mại, "
            "dịch vụ, logistics và công nghiệp hỗ trợ. Từ đầu năm đến nay, trên địa bàn có thêm "
            "gần 270 doanh nghiệp thành lập mới, tăng khoảng 11% so với cùng kỳ; số doanh "
            "nghiệp tạm ngừng kinh doanh có xu hướng giảm.</p>\n"
            "<p>Tại hội nghị, đại diện hơn 200 doanh nghiệp đã nêu 17 nhóm ý kiến. Một là, thời "
            "gian giải quyết thủ tục chuyển mục đích sử dụng đất, cấp phép xây dựng nhà xưởng còn "
            "kéo dài. Hai là, doanh nghiệp nhỏ gặp khó khi tiếp cận các gói tín dụng ưu đãi do "
            "thiếu tài sản bảo đảm. Ba là, nhu cầu được hỗ trợ đào tạo nhân lực về thương mại điện "
            "tử và chuyển đổi số ngày càng lớn, nhất là với các hộ kinh doanh chuyển lên hoạt động "
            "theo mô hình doanh nghiệp.</p>\n"
            "<p>Lãnh đạo các phòng chuyên môn của phường, cơ quan thuế và Ngân hàng Chính sách xã "
            "hội đã trả lời trực tiếp phần lớn các kiến nghị. Với những nội "
            "dung vượt thẩm quyền, phường cam kết tổng hợp, báo cáo thành phố và thông tin lại cho "
            "doanh nghiệp chậm nhất trong 30 ngày.</p>\n"
            "<p>Kết luận hội nghị, Chủ tịch UBND phường Hoàng Minh Tuấn yêu cầu các đơn vị tiếp "
            "tục "
            "duy trì chương trình “Cà phê doanh nhân” định kỳ hằng quý, công khai kết quả giải "
            "quyết kiến nghị trên trang thông tin điện tử phường và xử lý nghiêm cán bộ gây phiền "
            "hà, "
            "sách nhiễu trong quá trình giải quyết thủ tục cho doanh nghiệp.</p>"
        ),
        "photos": [
            {
                "caption": (
                    "Chủ tịch UBND phường Hoàng Minh Tuấn phát biểu kết luận hội nghị đối thoại."
                ),
                "alt": "Lãnh đạo phường phát biểu tại bàn chủ tọa, phía trước là hàng ghế đại biểu",
                "credit": "Thanh Hương",
                "color": "#005f73",
            },
            {
                "caption": (
                    "Giám đốc một doanh nghiệp logistics nêu kiến nghị về thủ tục cấp phép xây "
                    "dựng nhà xưởng."
                ),
                "alt": "Nam đại biểu mặc áo vest cầm micro đặt câu hỏi",
                "credit": "Thanh Hương",
                "color": "#0a9396",
            },
        ],
        "days_ago": 20,
        "hour": 11,
        "minute": 5,
        "views": 640,
    },
    {
        "title": "Thu ngân sách 10 tháng trên địa bàn phường ước đạt hơn 92% dự toán cả năm",
        "category": "kinh-te",
        "author": "Thanh Hương",
        "source": "HNP",
        "lead": (
            "Chiều 6/11, UBND phường Long Biên tổ chức hội nghị đánh giá tình hình thực hiện nhiệm "
            "vụ kinh tế - xã hội 10 tháng và triển khai các giải pháp hoàn thành kế hoạch năm."
        ),
        "body": (
            "<p>Báo cáo tại hội nghị cho thấy, kinh tế trên địa bàn tiếp tục duy trì đà tăng "
            "trưởng ổn định. Giá trị sản xuất các ngành thương mại, dịch vụ tăng khoảng 9,4% so "
            "với cùng kỳ; tổng thu ngân sách nhà nước trên địa bàn ước đạt hơn 92% dự toán thành "
            "phố giao. Công tác giải ngân vốn đầu tư công có chuyển biến tích cực sau khi phường "
            "thành lập các tổ công tác đôn đốc đến từng dự án. Một số chỉ tiêu chủ yếu như "
            "sau:</p>\n"
            "<table>\n"
            "<thead><tr><th>Chỉ tiêu</th><th>Kế hoạch năm</th><th>Ước thực hiện 10 "
            "tháng</th><th>Tỷ lệ</th></tr></thead>\n"
            "<tbody>\n"
            "<tr><td>Thu ngân sách trên địa bàn (tỷ "
            "đồng)</td><td>685</td><td>632</td><td>92,3%</td></tr>\n"
            "<tr><td>Giải ngân vốn đầu tư công (tỷ "
            "đồng)</td><td>142</td><td>105</td><td>74,0%</td></tr>\n"
            "<tr><td>Doanh nghiệp thành lập mới</td><td>300</td><td>266</td><td>88,7%</td></tr>\n"
            "<tr><td>Lao động được giải quyết việc làm "
            "(người)</td><td>1.200</td><td>1.092</td><td>91,0%</td></tr>\n"
            "</tbody>\n"
            "</table>\n"
            "<p>Bên cạnh kết quả đạt được, hội nghị cũng chỉ ra một số tồn tại như tiến độ giải "
            "phóng mặt bằng tại một vài dự án giao thông còn chậm; nguồn thu từ tiền sử dụng đất "
            "chưa đạt kế hoạch do thị trường bất động sản phục hồi chậm; một số hộ kinh doanh chưa "
            "thực hiện đầy đủ việc sử dụng hóa đơn điện tử.</p>\n"
            "<p>Chỉ đạo hội nghị, lãnh đạo phường yêu cầu các phòng, đơn vị bám sát tiến độ, "
            "phấn đấu đến hết tháng 12 giải ngân đạt trên 95% kế hoạch vốn; tăng cường chống thất "
            "thu, nhất là trong lĩnh vực kinh doanh dịch vụ ăn uống, cho thuê nhà và thương mại "
            "điện tử; đồng thời chủ động chuẩn bị nguồn hàng, bình ổn giá cả phục vụ Nhân dân dịp "
            "cuối năm.</p>"
        ),
        "photos": [
            {
                "caption": (
                    "Trưởng phòng Kinh tế, Hạ tầng và Đô thị phường Đỗ Thị Lan Anh báo cáo kết quả "
                    "thu "
                    "ngân sách 10 tháng."
                ),
                "alt": (
                    "Nữ cán bộ đọc báo cáo tại bục phát biểu, màn hình phía sau trình chiếu biểu đồ"
                ),
                "credit": "",
                "color": "#386641",
            },
        ],
        "days_ago": 22,
        "hour": 19,
        "minute": 40,
        "views": 420,
    },
    {
        "title": (
            "Hơn 85% hồ sơ thủ tục hành chính của phường được tiếp nhận trực tuyến toàn trình"
        ),
        "category": "chinh-tri",
        "author": "Thanh Hương",
        "source": "HNP",
        "lead": (
            "Sáng 25/11, Ban Chỉ đạo chuyển đổi số phường Long Biên sơ kết công tác cải cách hành "
            "chính; tỷ lệ hồ sơ nộp trực tuyến toàn trình tại Trung tâm Phục vụ hành chính công "
            "phường đã vượt mục tiêu đề ra."
        ),
        "body": (
            "<p>Từ đầu năm đến nay, Trung tâm Phục vụ hành chính công phường đã tiếp nhận gần "
            "68.000 hồ sơ, "
            "trong đó hơn 85% được nộp qua Cổng Dịch vụ công quốc gia và hệ thống giải quyết thủ "
            "tục hành chính của thành phố. Các lĩnh vực có tỷ lệ trực tuyến cao nhất là chứng thực "
            "bản sao điện tử, đăng ký khai sinh, đăng ký thường trú và đăng ký hộ kinh doanh. Tỷ "
            "lệ hồ sơ được giải quyết đúng và trước hạn đạt 99,2%.</p>\n"
            "<h2>Những cách làm hiệu quả ở cơ sở</h2>\n"
            "<p>Để đạt kết quả này, phường đã chủ động đổi mới cách tiếp cận, đưa dịch vụ "
            "đến gần người dân thay vì chờ người dân tìm đến trụ sở. Một số mô hình được Ban Chỉ "
            "đạo đánh giá cao gồm:</p>\n"
            "<ul>\n"
            "<li>Tổ công nghệ số cộng đồng ở 100% tổ dân phố, hướng dẫn người dân cài đặt ứng dụng "
            "và kích hoạt tài khoản định danh điện tử mức 2.</li>\n"
            "<li>Góc “Hỗ trợ dịch vụ công” tại Trung tâm, có đoàn viên thanh niên túc trực "
            "hướng dẫn nộp hồ sơ trên máy tính, điện thoại.</li>\n"
            "<li>Thanh toán phí, lệ phí không dùng tiền mặt bằng mã QR, giúp rút ngắn thời gian "
            "chờ đợi.</li>\n"
            "<li>Thông báo kết quả giải quyết hồ sơ qua ứng dụng và tin nhắn điện thoại, người dân "
            "không phải đến hỏi nhiều lần.</li>\n"
            "</ul>\n"
            "<p>Tuy vậy, theo Ban Chỉ đạo, một bộ phận người cao tuổi vẫn còn lúng túng khi thao "
            "tác trên môi trường số; một số phần mềm chuyên ngành chưa liên thông, khiến cán bộ "
            "phải nhập liệu nhiều lần. Thời gian tới, phường sẽ tiếp tục rà soát, tái cấu trúc quy "
            "trình, đồng thời mở thêm các lớp tập huấn kỹ năng số miễn phí cho người dân tại nhà "
            "văn hóa các tổ dân phố.</p>"
        ),
        "photos": [
            {
                "caption": (
                    "Đoàn viên thanh niên phường hướng dẫn người dân nộp hồ sơ trực tuyến tại "
                    "Trung tâm Phục vụ hành chính công."
                ),
                "alt": "Thanh niên mặc áo xanh đứng cạnh người dân đang thao tác trên máy tính",
                "credit": "Thanh Hương",
                "color": "#1d3557",
            },
            {
                "caption": (
                    "Một người dân quét mã QR để thanh toán lệ phí tại quầy tiếp nhận hồ sơ."
                ),
                "alt": "Cận cảnh điện thoại quét mã QR đặt trên quầy giao dịch",
                "credit": "",
                "color": "#457b9d",
            },
        ],
        "days_ago": 3,
        "hour": 10,
        "minute": 15,
        "views": 1120,
    },
    {
        "title": "Phiên chợ nông sản an toàn và sản phẩm OCOP thu hút đông người dân Thạch Bàn",
        "category": "kinh-te",
        "author": "Thanh Hương",
        "source": "LB",
        "lead": (
            "Sáng 19/11, tại khuôn viên nhà văn hóa khu dân cư Thạch Bàn, Hội Liên hiệp Phụ nữ "
            "phường phối hợp với Phòng Kinh tế, Hạ tầng và Đô thị tổ chức phiên chợ kết nối tiêu "
            "thụ nông sản an toàn và sản "
            "phẩm OCOP."
        ),
        "body": (
            "<p>Phiên chợ có 32 gian hàng của các hợp tác xã, cơ sở sản xuất đến từ nhiều tỉnh, "
            "thành phố, giới thiệu các mặt hàng như gạo hữu cơ, rau củ theo tiêu chuẩn VietGAP, "
            "mật ong, chè búp, miến dong, nem chua và các loại bánh truyền thống. Tất cả sản phẩm "
            "đều có nguồn gốc rõ ràng, được dán tem truy xuất để người mua kiểm tra thông tin bằng "
            "điện thoại.</p>\n"
            "<p>Không chỉ mua sắm, người dân còn được nghe chuyên gia dinh dưỡng hướng dẫn cách "
            "lựa chọn, bảo quản thực phẩm an toàn cho bữa ăn gia đình. Gian hàng của hợp tác xã "
            "rau sạch ven sông Hồng thu hút đông khách nhờ giá bán chỉ ngang với chợ truyền thống. "
            "Chị Vũ Thị Hạnh, tổ dân phố số 9 cho biết, chị mua được nhiều đặc sản vùng miền mà "
            "không phải đi xa, lại yên tâm về chất lượng.</p>\n"
            "<p>Theo Ban Tổ chức, đây là phiên chợ thứ tư trong năm thuộc chương trình “Kết nối "
            "cung cầu, vì sức khỏe cộng đồng” của phường. Doanh thu ước đạt hơn 350 triệu đồng chỉ "
            "sau một buổi sáng; nhiều cơ sở sản xuất đã ký được đơn hàng với các cửa hàng tiện "
            "lợi, bếp ăn tập thể trên địa bàn. Dự kiến, phiên chợ tiếp theo sẽ được tổ chức vào "
            "dịp cận Tết tại khu dân cư Cự Khối.</p>"
        ),
        "photos": [
            {
                "caption": (
                    "Chủ tịch Hội Liên hiệp Phụ nữ phường Bùi Thu Trang tham quan gian hàng rau "
                    "hữu "
                    "cơ."
                ),
                "alt": "Người phụ nữ mặc áo dài đứng trước quầy rau xanh, trò chuyện với người bán",
                "credit": "Văn Toàn",
                "color": "#6a994e",
            },
            {
                "caption": "Người dân lựa chọn mật ong và chè búp tại gian hàng sản phẩm OCOP.",
                "alt": "Nhiều người đứng quanh kệ trưng bày chai mật ong và gói chè",
                "credit": "Văn Toàn",
                "color": "#7a8f3b",
            },
            {
                "caption": (
                    "Cán bộ Phòng Kinh tế phường hướng dẫn tiểu thương kiểm tra tem truy xuất "
                    "nguồn "
                    "gốc."
                ),
                "alt": "Cán bộ cầm điện thoại quét tem dán trên bao gạo",
                "credit": "",
                "color": "#bc6c25",
            },
        ],
        "days_ago": 9,
        "hour": 9,
        "minute": 50,
        "views": 310,
    },
    {
        "title": "Học sinh Trường Tiểu học Ánh Dương vui đón khối nhà học mới dịp 20/11",
        "category": "van-hoa-xa-hoi",
        "author": "Minh Thu",
        "source": "HNP",
        "lead": (
            "Sáng 18/11, Trường Tiểu học Ánh Dương, phường Long Biên tổ chức lễ khánh thành, đưa "
            "vào "
            "sử dụng khối nhà học 4 tầng với 16 phòng học và 6 phòng chức năng, chào mừng Ngày Nhà "
            "giáo Việt Nam."
        ),
        "body": (
            "<p>Công trình do UBND phường làm chủ đầu tư với tổng kinh phí khoảng 48 tỷ đồng, được "
            "khởi "
            "công từ đầu năm và hoàn thành sớm hơn kế hoạch gần hai tháng. Khối nhà mới được thiết "
            "kế thông thoáng, hệ thống chiếu sáng đạt chuẩn, có phòng học tiếng Anh, phòng tin "
            "học, thư viện xanh và nhà đa năng phục vụ các hoạt động thể chất cho học sinh.</p>\n"
            "<p>Những năm gần đây, tốc độ đô thị hóa nhanh khiến số học sinh trong khu vực tăng "
            "mạnh, có thời điểm sĩ số bình quân lên tới 48 em mỗi lớp. Việc đưa công trình vào sử "
            "dụng giúp nhà trường giảm sĩ số xuống còn khoảng 38 em mỗi lớp, đồng thời tổ chức học "
            "2 buổi/ngày cho 100% học sinh.</p>\n"
            "<p>Cô Nguyễn Thị Mai Phương, Hiệu trưởng nhà trường xúc động chia sẻ, món quà ý nghĩa "
            "nhận được đúng dịp 20/11 là động lực để tập thể giáo viên tiếp tục đổi mới phương "
            "pháp dạy học, thực hiện hiệu quả Chương trình giáo dục phổ thông. Nhà trường cam kết "
            "sử dụng, bảo quản cơ sở vật chất đúng mục đích, phát huy tối đa hiệu quả đầu tư.</p>\n"
            "<p>Dịp này, lãnh đạo phường đã trao tặng nhà trường 30 bộ máy tính phục vụ dạy học "
            "tin "
            "học và 200 đầu sách cho thư viện. Theo kế hoạch, từ nay đến năm 2028, phường tiếp tục "
            "đầu tư xây mới, cải tạo 4 trường học công lập nhằm đáp ứng nhu cầu học tập ngày càng "
            "tăng của con em Nhân dân.</p>"
        ),
        "photos": [
            {
                "caption": (
                    "Hiệu trưởng Nguyễn Thị Mai Phương cùng học sinh tham quan phòng tin học mới."
                ),
                "alt": "Cô giáo và các em học sinh mặc đồng phục đứng trong phòng máy tính",
                "credit": "Minh Thu",
                "color": "#e76f51",
            },
            {
                "caption": (
                    "Lãnh đạo phường và đại diện nhà trường cắt băng khánh thành khối nhà học mới."
                ),
                "alt": "Nhóm người cầm kéo cắt dải băng đỏ trước tòa nhà bốn tầng",
                "credit": "Minh Thu",
                "color": "#c05621",
            },
        ],
        "days_ago": 10,
        "hour": 10,
        "minute": 30,
        "views": 980,
    },
    {
        "title": (
            "Hơn 1.500 người cao tuổi phường Long Biên được khám sàng lọc bệnh không lây nhiễm"
        ),
        "category": "van-hoa-xa-hoi",
        "author": "Minh Thu",
        "source": "HNP",
        "lead": (
            "Sáng 13/11, Trạm Y tế phường phối hợp với Hội Người cao tuổi phường tổ chức chương "
            "trình "
            "khám, tư vấn và sàng lọc các bệnh không lây nhiễm miễn phí cho người cao tuổi trên "
            "địa bàn."
        ),
        "body": (
            "<p>Trong hai ngày triển khai, các y, bác sĩ đã đo huyết áp, xét nghiệm đường máu mao "
            "mạch, đo chỉ số khối cơ thể, đo điện tim và tư vấn dinh dưỡng cho hơn 1.500 người từ "
            "60 tuổi trở lên. Kết quả sàng lọc ban đầu phát hiện khoảng 18% số người được khám có "
            "nguy cơ tăng huyết áp và gần 9% có dấu hiệu rối loạn đường huyết.</p>\n"
            "<p>Những trường hợp có nguy cơ được lập hồ sơ quản lý sức khỏe điện tử, đưa vào danh "
            "sách theo dõi định kỳ tại trạm y tế phường và được hướng dẫn đến cơ sở y tế tuyến "
            "trên để khám chuyên sâu khi cần thiết. Bác sĩ Lương Văn Thành, Trưởng Trạm Y tế "
            "phường cho biết, phát hiện sớm giúp người bệnh kiểm soát tốt hơn, hạn chế biến chứng "
            "và giảm chi phí điều trị cho gia đình.</p>\n"
            "<p>Hoạt động nằm trong chương trình “Sức khỏe vàng cho người cao tuổi” được phường "
            "triển khai luân phiên tại các khu dân cư. Bên cạnh khám bệnh, Ban Tổ chức còn hướng "
            "dẫn "
            "các cụ bài tập dưỡng sinh, cách phòng ngã và sử dụng thuốc an toàn. Bà Trịnh Thị Nga, "
            "74 tuổi, tổ dân phố số 12 vui vẻ cho biết lần đầu được khám đầy đủ như vậy ngay gần "
            "nhà, không phải xếp hàng chờ đợi ở bệnh viện.</p>"
        ),
        "photos": [
            {
                "caption": (
                    "Bác sĩ Trạm Y tế phường đo huyết áp cho một cụ ông tại điểm khám khu dân cư "
                    "Đề."
                ),
                "alt": (
                    "Bác sĩ mặc áo blouse trắng quấn vòng bít đo huyết áp trên tay người cao tuổi"
                ),
                "credit": "Minh Thu",
                "color": "#2a9d8f",
            },
            {
                "caption": (
                    "Trưởng Trạm Y tế phường Lương Văn Thành tư vấn chế độ dinh dưỡng cho "
                    "người cao tuổi."
                ),
                "alt": "Bác sĩ ngồi bên bàn trò chuyện với hai cụ bà",
                "credit": "",
                "color": "#264653",
            },
        ],
        "days_ago": 15,
        "hour": 12,
        "minute": 10,
        "views": 760,
    },
    {
        "title": "Ấm áp Ngày hội Đại đoàn kết toàn dân tộc tại khu dân cư ven đê Cự Khối",
        "category": "van-hoa-xa-hoi",
        "author": "Minh Thu",
        "source": "HNP",
        "lead": (
            "Sáng 15/11, tổ dân phố số 4, phường Long Biên tổ chức Ngày hội Đại đoàn kết toàn dân "
            "tộc, thu hút đông đảo người dân thuộc nhiều thế hệ trong khu dân cư cùng tham gia."
        ),
        "body": (
            "<p>Không khí ngày hội rộn ràng từ sáng sớm khi sân nhà văn hóa được trang trí cờ hoa, "
            "các gia đình mang đến những mâm cỗ, món ăn truyền thống để cùng thi tài. Phần lễ diễn "
            "ra trang trọng với việc ôn lại truyền thống vẻ vang của Mặt trận Tổ quốc Việt Nam và "
            "báo cáo kết quả thực hiện cuộc vận động “Toàn dân đoàn kết xây dựng đời sống văn hóa” "
            "của khu dân cư trong năm qua.</p>\n"
            "<p>Năm nay, khu dân cư có 96% hộ gia đình đạt danh hiệu “Gia đình văn hóa”; bà con đã "
            "tự nguyện đóng góp gần 200 triệu đồng cùng hàng trăm ngày công để lát lại đường ngõ, "
            "lắp đèn chiếu sáng và trồng thêm cây xanh dọc tuyến đê. Tổ dân phố không có người mắc "
            "tệ nạn xã hội, không phát sinh đơn thư vượt cấp.</p>\n"
            "<p>Dịp này, Ban Công tác Mặt trận tổ dân phố đã trao 15 suất quà tặng hộ nghèo, hộ "
            "cận nghèo và khen thưởng 12 gia đình tiêu biểu. Phần hội sôi nổi với các tiết mục văn "
            "nghệ do chính người dân dàn dựng cùng những trò chơi dân gian như kéo co, bịt mắt "
            "đánh trống, nhảy bao bố, mang lại tiếng cười cho cả người già và trẻ nhỏ.</p>\n"
            "<p>Ông Đặng Văn Hòa, Trưởng Ban Công tác Mặt trận tổ dân phố số 4 cho biết, ngày hội "
            "không chỉ là dịp tổng kết mà còn là sợi dây gắn kết tình làng nghĩa xóm giữa cư dân "
            "gốc với những gia đình mới chuyển đến sinh sống tại khu vực.</p>"
        ),
        "photos": [
            {
                "caption": (
                    "Trưởng Ban Công tác Mặt trận tổ dân phố số 4 Đặng Văn Hòa trao quà cho một hộ "
                    "cận nghèo."
                ),
                "alt": "Người đàn ông trao túi quà cho cụ bà trên sân khấu nhà văn hóa",
                "credit": "Minh Thu",
                "color": "#bb3e03",
            },
            {
                "caption": (
                    "Thiếu nhi và các cụ cao tuổi cùng tham gia trò chơi kéo co trong phần hội."
                ),
                "alt": "Hai đội người dân kéo sợi dây thừng trên sân, xung quanh có người cổ vũ",
                "credit": "Minh Thu",
                "color": "#ca6702",
            },
            {
                "caption": "Các gia đình trong khu dân cư giới thiệu mâm cỗ truyền thống dự thi.",
                "alt": "Bàn dài bày nhiều mâm cỗ với bánh chưng, xôi gấc và giò chả",
                "credit": "",
                "color": "#7f5539",
            },
        ],
        "days_ago": 13,
        "hour": 11,
        "minute": 35,
        "views": 540,
    },
    {
        "title": "Hơn 3.000 vận động viên tham gia giải chạy “Vì một Long Biên xanh”",
        "category": "van-hoa-xa-hoi",
        "author": "Minh Thu",
        "source": "HNP",
        "lead": (
            "Sáng 23/11, giải chạy “Vì một Long Biên xanh” lần thứ hai diễn ra trên các tuyến "
            "đường nội bộ khu đô thị mới và đường đê ven sông Hồng, thu hút hơn 3.000 vận động "
            "viên phong trào tham dự."
        ),
        "body": (
            "<p>Giải được chia thành bốn cự ly 3 km, 5 km, 10 km và 21 km, dành cho mọi lứa tuổi. "
            "Bên cạnh những vận động viên đã quen với các giải chạy đường dài, đông đảo cán bộ, "
            "công chức, học sinh và nhiều gia đình cùng con nhỏ đã đăng ký cự ly ngắn, tạo nên "
            "không khí sôi động ngay từ 5 giờ sáng.</p>\n"
            "<p>Điểm nhấn của giải năm nay là thông điệp bảo vệ môi trường. Ban Tổ chức không sử "
            "dụng chai nhựa dùng một lần tại các trạm tiếp nước; vận động viên được khuyến khích "
            "mang theo bình nước cá nhân. Mỗi số báo danh tương ứng với một cây xanh sẽ được trồng "
            "tại các công viên, vườn hoa trên địa bàn vào mùa xuân tới. Rác thải phát sinh trên "
            "đường chạy được các tình nguyện viên phân loại ngay tại chỗ.</p>\n"
            "<p>Kết thúc giải, Ban Tổ chức đã trao thưởng cho các vận động viên xuất sắc ở từng cự "
            "ly, nhóm tuổi. Ở cự ly 21 km, vận động viên Trần Đức Long về nhất nội dung nam với "
            "thành tích 1 giờ 16 phút; nội dung nữ thuộc về vận động viên Hà Phương Linh với 1 giờ "
            "29 phút. Số tiền còn lại từ phí đăng ký sau khi trừ chi phí tổ chức được ủng hộ Quỹ "
            "“Vì người nghèo” của phường.</p>"
        ),
        "photos": [
            {
                "caption": "Phó Chủ tịch UBND phường Vũ Hải Nam bấm còi xuất phát cự ly 21 km.",
                "alt": "Đoàn vận động viên đông đúc chạy qua vạch xuất phát dưới cổng hơi màu xanh",
                "credit": "Quang Vinh",
                "color": "#2d6a4f",
            },
            {
                "caption": "Vận động viên Trần Đức Long về đích đầu tiên ở nội dung 21 km nam.",
                "alt": "Nam vận động viên giơ hai tay khi chạy qua vạch đích",
                "credit": "Quang Vinh",
                "color": "#40916c",
            },
            {
                "caption": "Tình nguyện viên phân loại rác tại một trạm tiếp nước trên đường chạy.",
                "alt": "Các bạn trẻ mặc áo đỏ bỏ cốc giấy vào những thùng rác có dán nhãn",
                "credit": "",
                "color": "#1b4332",
            },
        ],
        "days_ago": 5,
        "hour": 11,
        "minute": 20,
        "views": 2870,
    },
    {
        "title": "Câu lạc bộ Liên thế hệ tự giúp nhau: điểm tựa tinh thần của người cao tuổi",
        "category": "van-hoa-xa-hoi",
        "author": "Minh Thu",
        "source": "TTXVN",
        "lead": (
            "Chiều 11/11, Hội Người cao tuổi phường Long Biên sơ kết ba năm triển khai mô hình Câu "
            "lạc bộ Liên thế hệ tự giúp nhau, ghi nhận nhiều hiệu quả thiết thực trong chăm sóc và "
            "phát huy vai trò người cao tuổi."
        ),
        "body": (
            "<p>Hiện toàn phường có 9 câu lạc bộ với hơn 450 hội viên, trong đó khoảng 70% là "
            "người cao tuổi, số còn lại là các thành viên trẻ hơn tự nguyện tham gia. Các câu lạc "
            "bộ hoạt động theo nguyên tắc tự quản, xây dựng quỹ chung để giúp nhau phát triển sinh "
            "kế, chăm sóc sức khỏe và hỗ trợ khi hội viên gặp hoàn cảnh khó khăn.</p>\n"
            "<p>Nét đặc biệt của mô hình là các nhóm tình nguyện viên “chăm sóc tại nhà”. Mỗi tình "
            "nguyện viên nhận giúp đỡ một đến hai cụ sống một mình hoặc mắc bệnh mạn tính, thường "
            "xuyên thăm hỏi, đưa đi khám bệnh, dọn dẹp nhà cửa và trò chuyện. Năm qua, các câu lạc "
            "bộ đã thực hiện hơn 3.000 lượt chăm sóc tại nhà, cho hội viên vay vốn quay vòng gần "
            "500 triệu đồng để buôn bán nhỏ, làm dịch vụ.</p>\n"
            "<p>Ông Ngô Xuân Thịnh, 78 tuổi, Chủ nhiệm câu lạc bộ tổ dân phố số 6 chia sẻ, điều "
            "quý nhất không phải là khoản vay hay món quà, mà là cảm giác được quan tâm, không bị "
            "bỏ lại phía sau. Nhiều cụ trước đây ít ra khỏi nhà, nay đã tích cực tham gia hát, "
            "múa, tập dưỡng sinh và cả các lớp học sử dụng điện thoại thông minh.</p>\n"
            "<p>Phát biểu tại hội nghị, lãnh đạo Hội Người cao tuổi phường đề nghị các câu lạc bộ "
            "tiếp tục mở rộng hoạt động, chú trọng chăm sóc sức khỏe tinh thần, trang bị kỹ năng "
            "phòng tránh lừa đảo trên không gian mạng cho người cao tuổi; phấn đấu đến năm 2027 "
            "mỗi khu dân cư có ít nhất một câu lạc bộ hoạt động hiệu quả.</p>"
        ),
        "photos": [
            {
                "caption": (
                    "Chủ nhiệm câu lạc bộ tổ dân phố số 6 Ngô Xuân Thịnh chia sẻ kinh nghiệm tại "
                    "hội nghị sơ kết."
                ),
                "alt": "Cụ ông mặc áo vest đứng phát biểu tại hội trường",
                "credit": "",
                "color": "#6d597a",
            },
            {
                "caption": "Một tình nguyện viên đến thăm, trò chuyện với cụ bà sống một mình.",
                "alt": "Người phụ nữ trung niên ngồi bên giường trò chuyện cùng cụ bà",
                "credit": "Minh Thu",
                "color": "#b56576",
            },
        ],
        "days_ago": 17,
        "hour": 16,
        "minute": 45,
        "views": 390,
    },
    {
        "title": "Đẩy nhanh tiến độ tuyến đường quy hoạch rộng 30 m qua khu vực Cự Khối",
        "category": "do-thi",
        "author": "Quang Vinh",
        "source": "HNP",
        "lead": (
            "Sáng 27/11, đoàn công tác do Phó Chủ tịch UBND phường Vũ Hải Nam dẫn đầu đã kiểm tra "
            "thực địa tiến độ thi công tuyến đường quy hoạch rộng 30 m đi qua khu vực Cự Khối."
        ),
        "body": (
            "<p>Tuyến đường dài khoảng 1,6 km, mặt cắt ngang 30 m gồm lòng đường rộng 15 m và vỉa "
            "hè mỗi bên 7,5 m, được đầu tư đồng bộ hệ thống thoát nước, chiếu sáng, cây xanh và hạ "
            "ngầm đường dây thông tin. Khi hoàn thành, tuyến đường sẽ kết nối các khu đô thị mới "
            "phía nam phường với trục giao thông chính, góp phần giảm ùn tắc cho các tuyến phố "
            "hiện "
            "hữu vào giờ cao điểm.</p>\n"
            "<p>Theo báo cáo của Ban Quản lý dự án đầu tư xây dựng khu vực, đến nay dự án đã giải "
            "phóng mặt bằng được khoảng 94% diện tích; nhà thầu đã hoàn thành thi công nền đường "
            "và cống thoát nước trên đoạn dài hơn 1 km. Phần diện tích còn vướng mắc liên quan đến "
            "11 hộ dân, chủ yếu do chưa thống nhất về đơn giá bồi thường công trình phụ và cây cối "
            "trên đất.</p>\n"
            "<p>Sau khi kiểm tra, Phó Chủ tịch UBND phường yêu cầu các tổ dân phố phối hợp với "
            "Trung tâm Phát triển quỹ đất tiếp tục vận động, giải thích chính sách cho các hộ còn "
            "lại. Nhà thầu phải tăng cường nhân lực, thiết bị, tổ chức thi công ba ca, đồng thời "
            "bảo đảm an toàn lao động, vệ sinh môi trường, thường xuyên tưới nước chống bụi trên "
            "công trường.</p>\n"
            "<p>Mục tiêu đặt ra là thông xe kỹ thuật toàn tuyến trong quý II năm tới, trước mùa "
            "mưa bão, để người dân sớm được hưởng lợi từ công trình.</p>"
        ),
        "photos": [
            {
                "caption": (
                    "Phó Chủ tịch UBND phường Vũ Hải Nam kiểm tra hồ sơ thiết kế tại công trường."
                ),
                "alt": "Nhóm cán bộ đội mũ bảo hộ xem bản vẽ trải trên nắp ca-pô ô tô",
                "credit": "Quang Vinh",
                "color": "#6c757d",
            },
            {
                "caption": (
                    "Công nhân vận hành xe lu thi công lớp nền trên đoạn đường đã giải phóng mặt "
                    "bằng."
                ),
                "alt": "Xe lu và máy xúc làm việc trên nền đường đất rộng",
                "credit": "Quang Vinh",
                "color": "#8d6e63",
            },
        ],
        "days_ago": 1,
        "hour": 14,
        "minute": 5,
        "views": 1980,
    },
    {
        "title": "Hơn 500 đoàn viên, thanh niên ra quân làm sạch bãi ven sông Hồng",
        "category": "do-thi",
        "author": "Quang Vinh",
        "source": "HNP",
        "lead": (
            "Sáng 22/11, Đoàn Thanh niên phường Long Biên phối hợp với các tổ dân phố ven đê ra "
            "quân "
            "vệ sinh môi trường, thu gom rác thải dọc bãi ven sông Hồng trong khuôn khổ chương "
            "trình "
            "“Vì một dòng sông Hồng xanh”."
        ),
        "body": (
            "<p>Chia thành nhiều nhóm, hơn 500 đoàn viên, thanh niên, học sinh và người dân đã thu "
            "gom rác thải sinh hoạt, túi ni lông, vỏ chai nhựa tồn đọng trên đoạn bãi sông dài "
            "khoảng 3 km; phát quang bụi rậm, khơi thông các rãnh thoát nước ra sông. Sau buổi "
            "sáng ra quân, gần 12 tấn rác các loại đã được tập kết và vận chuyển đến nơi xử lý "
            "theo quy định.</p>\n"
            "<p>Cùng với hoạt động dọn vệ sinh, Ban Tổ chức đã trồng mới 300 cây bóng mát dọc "
            "tuyến đường gom chân đê, lắp đặt 20 biển tuyên truyền nghiêm cấm đổ trộm phế thải và "
            "phát 1.000 túi vải cho người dân. Một số nhóm tình nguyện viên còn đến từng hộ gia "
            "đình ven bãi hướng dẫn phân loại rác thải tại nguồn.</p>\n"
            "<p>Bí thư Đoàn phường Phan Thị Ngọc Ánh cho biết, đây là hoạt động thường xuyên trong "
            "phong trào “Ngày Chủ nhật xanh” của tuổi trẻ phường. Sau đợt ra quân, các chi đoàn sẽ "
            "nhận chăm sóc từng đoạn bãi sông, phối hợp với lực lượng chức năng giám sát, kịp thời "
            "phát hiện các phương tiện đổ trộm phế thải xây dựng để báo cáo xử lý.</p>\n"
            "<p>Theo UBND phường Long Biên, khu vực bãi ven sông từng là điểm nóng về tập kết rác "
            "thải tự phát. Từ đầu năm, phường đã lắp camera giám sát tại 6 vị trí, thành lập tổ tự "
            "quản với sự tham gia của người dân, nhờ đó tình trạng đổ trộm phế thải giảm rõ "
            "rệt.</p>"
        ),
        "photos": [
            {
                "caption": (
                    "Bí thư Đoàn phường Phan Thị Ngọc Ánh cùng đoàn viên thu gom rác tại bãi ven "
                    "sông Hồng."
                ),
                "alt": "Nhóm thanh niên mặc áo xanh tình nguyện nhặt rác trên bãi cỏ ven sông",
                "credit": "Quang Vinh",
                "color": "#0077b6",
            },
            {
                "caption": "Đoàn viên, thanh niên trồng cây xanh dọc đường gom chân đê.",
                "alt": "Hai bạn trẻ vun đất quanh gốc cây non bên lề đường",
                "credit": "Quang Vinh",
                "color": "#2b9348",
            },
        ],
        "days_ago": 6,
        "hour": 12,
        "minute": 25,
        "views": 1340,
    },
    {
        "title": "Phân luồng giao thông từ ngày 1/12 để sửa chữa cầu qua kênh tiêu Thạch Bàn",
        "category": "do-thi",
        "author": "Quang Vinh",
        "source": "HNP",
        "lead": (
            "Sáng 28/11, UBND phường Long Biên thông tin phương án phân luồng, tổ chức giao thông "
            "phục vụ thi công sửa chữa, nâng cấp cây cầu bắc qua kênh tiêu ở khu dân cư Thạch "
            "Bàn."
        ),
        "body": (
            "<p>Cây cầu được xây dựng từ nhiều năm trước, dài khoảng 24 m, là tuyến kết nối quan "
            "trọng giữa các khu dân cư hai bên kênh. Qua kiểm định, mặt cầu và hệ lan can đã xuống "
            "cấp, một số dầm bị nứt, bong tróc lớp bê tông bảo vệ, không còn bảo đảm an toàn cho "
            "phương tiện có tải trọng lớn. Dự án sẽ thay thế toàn bộ bản mặt cầu, gia cố mố trụ, "
            "lắp mới lan can, hệ thống chiếu sáng và mở rộng phần đường dành cho người đi bộ.</p>\n"
            "<p>Theo phương án được phê duyệt, từ 0 giờ ngày 1/12 đến hết tháng 3 năm sau, cầu tạm "
            "dừng khai thác đối với ô tô. Xe máy, xe đạp và người đi bộ lưu thông qua cầu tạm bằng "
            "thép dựng song song ở phía hạ lưu. Ô tô các loại đi theo lộ trình vòng qua các tuyến "
            "đường gom khu công nghiệp và đường đê; xe tải có tải trọng trên 10 tấn không được đi "
            "vào khu vực.</p>\n"
            "<p>Đơn vị thi công có trách nhiệm lắp đặt đầy đủ biển báo, đèn cảnh báo, rào chắn và "
            "bố trí người hướng dẫn giao thông 24/24 giờ tại hai đầu cầu. Công an phường và lực "
            "lượng thanh tra giao thông được giao tăng cường tuần tra, hướng dẫn người dân chấp "
            "hành phương án phân luồng, hạn chế ùn tắc vào giờ cao điểm sáng và chiều.</p>\n"
            "<p>UBND phường đề nghị người tham gia giao thông chú ý quan sát hệ thống biển báo, "
            "chủ "
            "động lựa chọn lộ trình phù hợp. Mọi phản ánh liên quan đến quá trình thi công có thể "
            "gửi qua đường dây nóng của UBND phường Long Biên hoặc ứng dụng phản ánh hiện trường "
            "của thành phố.</p>"
        ),
        "photos": [
            {
                "caption": "Kỹ sư đơn vị tư vấn kiểm tra vết nứt trên dầm cầu trước khi thi công.",
                "alt": "Người đội mũ bảo hộ soi đèn kiểm tra mặt dưới dầm bê tông",
                "credit": "Quang Vinh",
                "color": "#495057",
            },
        ],
        "days_ago": 0,
        "hour": 8,
        "minute": 40,
        "views": 2210,
    },
    {
        "title": "Diễn tập chữa cháy và cứu nạn, cứu hộ tại tòa chung cư cao tầng ở Thạch Bàn",
        "category": "an-ninh-trat-tu",
        "author": "Đông Hải",
        "source": "HNP",
        "lead": (
            "Chiều 21/11, Đội Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ khu vực phối hợp "
            "với UBND phường Long Biên tổ chức diễn tập phương án chữa cháy tại một tòa chung cư "
            "25 tầng trên địa bàn."
        ),
        "body": (
            "<p>Tình huống giả định: khoảng 15 giờ, do chập điện tại một căn hộ tầng 12, lửa bùng "
            "phát, khói lan nhanh ra hành lang, nhiều cư dân bị mắc kẹt. Phát hiện sự cố, lực "
            "lượng bảo vệ tòa nhà lập tức phát lệnh báo động, sử dụng bình chữa cháy và họng nước "
            "vách tường để khống chế đám cháy ban đầu, đồng thời hướng dẫn cư dân thoát nạn theo "
            "cầu thang bộ và gọi điện báo lực lượng chức năng qua số 114.</p>\n"
            "<p>Nhận tin báo, lực lượng cảnh sát phòng cháy, chữa cháy đã điều động 5 xe chữa "
            "cháy, 1 xe thang và hơn 40 cán bộ, chiến sĩ đến hiện trường. Các tổ công tác nhanh "
            "chóng triển khai lăng phun chữa cháy, dùng thiết bị hút khói và sử dụng xe thang để "
            "tiếp cận, đưa người bị nạn xuống đất an toàn. Lực lượng y tế sơ cứu, chuyển các nạn "
            "nhân giả định lên xe cứu thương.</p>\n"
            "<p>Thông qua buổi diễn tập, hơn 300 cư dân được trực tiếp thực hành kỹ năng thoát "
            "nạn, dùng khăn ướt che mũi miệng và sử dụng bình chữa cháy. Đại diện lực lượng chức "
            "năng khuyến cáo các hộ gia đình không để xe, đồ đạc trên lối thoát nạn; không sạc xe "
            "điện qua đêm trong căn hộ; thường xuyên kiểm tra hệ thống điện và trang bị thiết bị "
            "báo cháy tại nhà.</p>\n"
            "<p>Ông Lâm Đức Trung, Trưởng Ban Quản trị tòa nhà cho biết, ban quản trị sẽ phối hợp "
            "với đơn vị vận hành duy trì tập huấn định kỳ sáu tháng một lần, đồng thời rà soát, "
            "thay thế các thiết bị phòng cháy đã hết hạn sử dụng.</p>"
        ),
        "photos": [
            {
                "caption": (
                    "Cán bộ, chiến sĩ cảnh sát phòng cháy, chữa cháy dùng xe thang đưa người bị "
                    "nạn giả định xuống đất."
                ),
                "alt": "Xe thang màu đỏ vươn cao sát mặt tòa nhà chung cư",
                "credit": "Đông Hải",
                "color": "#d00000",
            },
            {
                "caption": (
                    "Một cư dân thực hành sử dụng bình chữa cháy dưới sự hướng dẫn của chiến sĩ "
                    "cảnh sát."
                ),
                "alt": (
                    "Người phụ nữ cầm bình chữa cháy xịt vào khay lửa, bên cạnh là chiến sĩ hướng "
                    "dẫn"
                ),
                "credit": "Đông Hải",
                "color": "#9d0208",
            },
        ],
        "days_ago": 7,
        "hour": 18,
        "minute": 10,
        "views": 1650,
    },
    {
        "title": "Công an phường mở đợt cao điểm tấn công, trấn áp tội phạm dịp cuối năm",
        "category": "an-ninh-trat-tu",
        "author": "Đông Hải",
        "source": "HNP",
        "lead": (
            "Sáng 26/11, Công an phường Long Biên tổ chức lễ ra quân đợt cao điểm tấn công, trấn "
            "áp "
            "các loại tội phạm, bảo đảm an ninh, trật tự phục vụ Nhân dân vui Xuân, đón Tết."
        ),
        "body": (
            "<p>Báo cáo tại buổi lễ cho biết, từ đầu năm đến nay, tình hình an ninh chính trị, "
            "trật tự an toàn xã hội trên địa bàn phường cơ bản ổn định. Tỷ lệ điều tra, khám phá "
            "các "
            "vụ án hình sự đạt trên 88%, trong đó các vụ án rất nghiêm trọng và đặc biệt nghiêm "
            "trọng đạt 100%. Tuy nhiên, một số loại tội phạm như trộm cắp tài sản, lừa đảo qua "
            "không gian mạng, cho vay lãi nặng vẫn diễn biến phức tạp và có xu hướng gia tăng vào "
            "thời điểm cuối năm.</p>\n"
            "<p>Trong đợt cao điểm, Công an phường tập trung vào ba nhóm nhiệm vụ chính. Một là, "
            "nắm "
            "chắc tình hình, chủ động phòng ngừa, không để bị động, bất ngờ. Hai là, đấu tranh "
            "quyết liệt với tội phạm trộm cắp, cướp giật, tội phạm ma túy, lừa đảo chiếm đoạt tài "
            "sản qua mạng và các hành vi buôn bán, tàng trữ pháo nổ. Ba là, tăng cường tuần tra, "
            "kiểm soát, xử lý vi phạm trật tự an toàn giao thông, nhất là vi phạm nồng độ cồn vào "
            "ban đêm.</p>\n"
            "<p>Phát biểu tại lễ ra quân, Thượng tá Dương Quang Huy, Trưởng Công an phường đề nghị "
            "các tổ công tác phát huy sức mạnh của phong trào toàn dân bảo vệ an ninh Tổ quốc, "
            "phối hợp "
            "chặt chẽ với lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở, kịp thời tiếp nhận "
            "và giải quyết tin báo của người dân. Khi phát hiện dấu hiệu vi phạm pháp luật, người "
            "dân có thể thông báo qua đường dây nóng của Công an phường hoặc gọi số 113.</p>"
        ),
        "photos": [
            {
                "caption": "Trưởng Công an phường Dương Quang Huy phát biểu tại lễ ra quân.",
                "alt": "Sĩ quan mặc quân phục đứng phát biểu trước hàng ngũ cán bộ, chiến sĩ",
                "credit": "Đông Hải",
                "color": "#283618",
            },
            {
                "caption": (
                    "Các tổ công tác tuần tra cơ động diễu hành qua lễ đài sau buổi ra quân."
                ),
                "alt": "Đoàn xe máy tuần tra của công an chạy thành hàng trên đường",
                "credit": "",
                "color": "#3a5a40",
            },
        ],
        "days_ago": 2,
        "hour": 15,
        "minute": 30,
        "views": 1890,
    },
    {
        "title": "Mô hình “Camera an ninh” giúp giữ bình yên các khu dân cư ở Phúc Đồng",
        "category": "an-ninh-trat-tu",
        "author": "Quang Vinh",
        "source": "LB",
        "lead": (
            "Ngày 9/11, UBND phường Long Biên sơ kết một năm triển khai mô hình “Camera an ninh” "
            "do "
            "người dân cùng đóng góp lắp đặt tại các ngõ, ngách khu dân cư Phúc Đồng."
        ),
        "body": (
            "<p>Sau một năm, khu dân cư đã lắp đặt 186 mắt camera tại các ngõ, ngách, điểm giao "
            "cắt và khu vực công cộng, với tổng kinh phí hơn 1,2 tỷ đồng, chủ yếu từ nguồn xã hội "
            "hóa. Hình ảnh từ các camera được kết nối về phòng trực ban của công an phường, đồng "
            "thời chia sẻ cho tổ trưởng tổ dân phố để kịp thời phát hiện những sự việc bất "
            "thường.</p>\n"
            "<p>Nhờ dữ liệu từ hệ thống camera, lực lượng công an đã nhanh chóng làm rõ 14 vụ trộm "
            "cắp tài sản, phát hiện nhiều trường hợp đổ trộm phế thải và vi phạm trật tự đô thị. "
            "Số vụ trộm cắp xe máy trên địa bàn giảm gần một nửa so với cùng kỳ năm trước. Nhiều "
            "ngõ nhỏ trước đây hay xảy ra mất cắp vặt nay đã yên tĩnh hơn, người dân yên tâm sinh "
            "hoạt, buôn bán.</p>\n"
            "<p>Ông Tạ Quang Hưng, Tổ trưởng tổ dân phố số 2 cho biết, ban đầu một số hộ còn băn "
            "khoăn về kinh phí, nhưng khi thấy hiệu quả thực tế, nhiều gia đình đã tự nguyện đóng "
            "góp, thậm chí đề nghị lắp thiết bị ngay trước cửa nhà mình. Việc quản lý, khai thác "
            "hình ảnh được thực hiện theo quy chế chặt chẽ, bảo đảm quyền riêng tư của người "
            "dân.</p>\n"
            "<p>Thời gian tới, phường sẽ mở rộng mô hình ra các khu dân cư còn lại, từng bước "
            "kết nối với hệ thống giám sát chung của thành phố, hướng tới mục tiêu xây dựng khu "
            "dân cư an toàn, văn minh.</p>"
        ),
        "photos": [
            {
                "caption": (
                    "Cán bộ Công an phường Long Biên theo dõi hình ảnh từ hệ thống camera tại "
                    "phòng "
                    "trực ban."
                ),
                "alt": "Chiến sĩ công an ngồi trước nhiều màn hình hiển thị hình ảnh camera",
                "credit": "",
                "color": "#22577a",
            },
            {
                "caption": (
                    "Tổ trưởng tổ dân phố số 2 Tạ Quang Hưng kiểm tra chiếc camera lắp ở đầu ngõ."
                ),
                "alt": "Người đàn ông chỉ tay lên chiếc camera gắn trên cột điện ở đầu ngõ",
                "credit": "Quang Vinh",
                "color": "#38a3a5",
            },
        ],
        "days_ago": 19,
        "hour": 9,
        "minute": 0,
        "views": 450,
    },
]

DRAFT_ARTICLE = {
    "title": "Phường Long Biên lên phương án chỉnh trang vỉa hè, trồng thêm cây xanh trên phố",
    "category": "do-thi",
    "author": "Quang Vinh",
    "source": "HNP",
    "lead": (
        "Chiều 28/11, UBND phường Long Biên tổ chức hội nghị cho ý kiến vào phương án chỉnh trang "
        "vỉa hè, trồng bổ sung và thay thế cây xanh trên các tuyến phố chính trong giai đoạn cuối "
        "năm, đầu năm tới."
    ),
    "body": (
        "<p>Theo phương án, phường sẽ trồng mới khoảng 400 cây bóng mát và cây có hoa như muồng "
        "hoàng yến, bằng lăng, chò nâu trên 7 tuyến phố, đồng thời thay thế khoảng 150 cây đã "
        "chết khô, rỗng thân hoặc nghiêng đổ có nguy cơ mất an toàn. Chủng loại cây được lựa chọn "
        "phù hợp với bề rộng vỉa hè, hệ thống hạ tầng ngầm và cảnh quan từng khu vực.</p>\n"
        "<p>Cùng với trồng cây, phường sẽ chỉnh trang khoảng 3 km vỉa hè, lát lại bằng đá tự nhiên "
        "tại những đoạn hư hỏng, bố trí ô đất trồng cây có tấm che bảo vệ rễ và bổ sung ghế nghỉ "
        "chân. Việc thi công được yêu cầu thực hiện cuốn chiếu, hoàn trả mặt bằng nhanh, hạn chế "
        "ảnh hưởng tới hoạt động kinh doanh và đi lại của người dân.</p>\n"
        "<p>Tại hội nghị, đại diện nhiều tổ dân phố đề xuất huy động thêm nguồn xã hội hóa, khuyến "
        "khích doanh nghiệp, hộ gia đình nhận chăm sóc cây xanh trước cửa nhà. Phương án dự kiến "
        "được trình lãnh đạo phường phê duyệt trong tháng 12 để kịp triển khai trước Tết Nguyên "
        "đán.</p>"
    ),
    "photos": [
        {
            "caption": (
                "Cán bộ Ban Quản lý dự án phường giới thiệu sơ đồ vị trí trồng cây trên các tuyến "
                "phố."
            ),
            "alt": "Bản đồ phường dán trên bảng, các tuyến phố được đánh dấu màu xanh lá",
            "credit": "",
            "color": "#52796f",
        },
    ],
    "days_ago": 0,
    "hour": 16,
    "minute": 30,
    "views": 20,
}

SCHEDULED_ARTICLE = {
    "title": "Khai mạc Giải bóng đá thanh niên phường Long Biên với 16 đội bóng tranh tài",
    "category": "van-hoa-xa-hoi",
    "author": "Minh Thu",
    "source": "HNP",
    "lead": (
        "Sáng 30/11, tại sân bóng khu đô thị Thạch Bàn, Giải bóng đá thanh niên phường Long Biên "
        "chính thức khai mạc với sự tham gia của 16 đội bóng đến từ các khu dân cư, trường học "
        "và doanh nghiệp trên địa bàn."
    ),
    "body": (
        "<p>Giải do Đoàn Thanh niên phối hợp với Phòng Văn hóa - Xã hội phường tổ chức, "
        "thi đấu theo thể thức sân 7 người. Các đội được chia thành bốn bảng, thi đấu vòng tròn "
        "một lượt tính điểm để chọn hai đội đứng đầu mỗi bảng vào vòng tứ kết. Trận chung kết dự "
        "kiến diễn ra vào giữa tháng 12.</p>\n"
        "<p>Theo Ban Tổ chức, giải đấu nhằm hưởng ứng cuộc vận động “Toàn dân rèn luyện thân thể "
        "theo gương Bác Hồ vĩ đại”, tạo sân chơi lành mạnh cho thanh niên, đồng thời phát hiện "
        "những cầu thủ có năng khiếu để bồi dưỡng cho các giải đấu cấp thành phố. Cầu thủ tham gia "
        "phải là đoàn viên, thanh niên đang sinh sống, học tập hoặc làm việc trên địa bàn phường, "
        "trong độ tuổi từ 16 đến 30.</p>\n"
        "<p>Ngay sau lễ khai mạc là trận đấu mở màn giữa đội bóng khu dân cư Thạch Bàn và khu "
        "dân cư Phúc Đồng. Tổng giá trị giải thưởng là 60 triệu đồng; ngoài các giải chính, Ban Tổ "
        "chức còn "
        "trao giải phong cách cho đội bóng có tinh thần thi đấu đẹp, đoàn kết và cho cầu thủ ghi "
        "nhiều bàn thắng nhất.</p>"
    ),
    "photos": [
        {
            "caption": (
                "Bí thư Đoàn phường Phan Thị Ngọc Ánh trao cờ lưu niệm cho đại diện các đội bóng."
            ),
            "alt": "Các đội trưởng mặc áo thi đấu nhiều màu đứng hàng ngang nhận cờ",
            "credit": "Minh Thu",
            "color": "#1a759f",
        },
        {
            "caption": "Cầu thủ hai đội Thạch Bàn và Phúc Đồng tranh bóng trong trận mở màn.",
            "alt": "Hai cầu thủ áo đỏ và áo trắng tranh chấp bóng trên sân cỏ nhân tạo",
            "credit": "Minh Thu",
            "color": "#168aad",
        },
    ],
    "days_ago": -2,
    "hour": 10,
    "minute": 0,
    "views": 20,
}

# Keywords of some demo articles, by title; `load_demo` attaches them.
TAGS = {
    "Phường Long Biên đối thoại, tháo gỡ khó khăn cho hơn 200 doanh nghiệp": [
        "Doanh nghiệp",
        "Cải cách hành chính",
    ],
    "Thu ngân sách 10 tháng trên địa bàn phường ước đạt hơn 92% dự toán cả năm": ["Ngân sách"],
    "Phiên chợ nông sản an toàn và sản phẩm OCOP thu hút đông người dân Thạch Bàn": [
        "OCOP",
        "Thạch Bàn",
    ],
    "Hơn 3.000 vận động viên tham gia giải chạy “Vì một Long Biên xanh”": ["Thể thao"],
    "Đẩy nhanh tiến độ tuyến đường quy hoạch rộng 30 m qua khu vực Cự Khối": [
        "Giao thông",
        "Cự Khối",
    ],
    "Hơn 500 đoàn viên, thanh niên ra quân làm sạch bãi ven sông Hồng": [
        "Môi trường",
        "Sông Hồng",
    ],
    "Phân luồng giao thông từ ngày 1/12 để sửa chữa cầu qua kênh tiêu Thạch Bàn": [
        "Giao thông",
        "Thạch Bàn",
    ],
    "Diễn tập chữa cháy và cứu nạn, cứu hộ tại tòa chung cư cao tầng ở Thạch Bàn": [
        "Phòng cháy chữa cháy",
        "Thạch Bàn",
    ],
    "Mô hình “Camera an ninh” giúp giữ bình yên các khu dân cư ở Phúc Đồng": ["An ninh khu dân cư"],
}
