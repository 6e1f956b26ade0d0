"""Demo comments, answers, offices and blocked phrases, written for this
project (no text from any real site). Loaded by `manage.py load_demo_comments`
after `load_demo`, so the moderation queue has work in it on a new machine.

* ``OFFICES``: the offices the portal answers for.
* ``BLOCKED``: (phrase, action) pairs editors would keep.
* ``COMMENTS``: ``{"article" (title of a demo article), "name", "phone",
  "title", "content", "status", "hours_ago", optionally "reply": (office
  name or None for the editorial board, text)}``. Waiting comments are
  screened like a reader's post (comments.spam), so the ones carrying a
  phone number or a link wait with their reason, and an advertisement
  matching a SPAM phrase goes straight to "Spam".
"""

OFFICES = [
    "UBND phường Long Biên",
    "Công an phường Long Biên",
    "Trung tâm Phục vụ hành chính công phường Long Biên",
]

BLOCKED = [
    ("vay tiền nhanh", "spam"),
    ("giải ngân trong ngày", "spam"),
    ("cá độ", "hold"),
]

_BRIDGE = "Phân luồng giao thông từ ngày 1/12 để sửa chữa cầu qua kênh tiêu Thạch Bàn"
_ROAD = "Đẩy nhanh tiến độ tuyến đường quy hoạch rộng 30 m qua khu vực Cự Khối"
_RIVER = "Hơn 500 đoàn viên, thanh niên ra quân làm sạch bãi ven sông Hồng"
_CAMERA = "Mô hình “Camera an ninh” giúp giữ bình yên các khu dân cư ở Phúc Đồng"
_MARKET = "Phiên chợ nông sản an toàn và sản phẩm OCOP thu hút đông người dân Thạch Bàn"

COMMENTS = [
    {
        "article": _BRIDGE,
        "name": "Trần Thị Hoa",
        "phone": "0912 406 118",
        "title": "Xe buýt số 40 có đổi điểm dừng không?",
        "content": (
            "Con tôi đi học bằng xe buýt qua cầu này mỗi sáng. Trong thời gian sửa cầu, "
            "điểm dừng trước chợ có còn không hay chuyển đi đâu ạ?"
        ),
        "status": "approved",
        "hours_ago": 30,
        "reply": (
            "UBND phường Long Biên",
            "Điểm dừng trước chợ tạm chuyển lên đầu ngõ 12, cách 150 m, đến khi cầu thông xe. "
            "Biển báo tạm đã được đặt từ ngày 30/11.",
        ),
    },
    {
        "article": _BRIDGE,
        "name": "Lê Quang Vinh",
        "phone": "",
        "title": "Cảm ơn lực lượng hướng dẫn giao thông",
        "content": "Sáng nay có các anh dân phòng đứng phân luồng nên đi lại khá thuận lợi.",
        "status": "approved",
        "hours_ago": 20,
    },
    {
        "article": _BRIDGE,
        "name": "Phạm Minh Đức",
        "phone": "0983 552 014",
        "title": "Đoạn đường tránh bị ngập khi mưa",
        "content": (
            "Đường tránh qua tổ dân phố 7 thấp, chiều qua mưa to nước ngập gần nửa bánh xe máy. "
            "Đề nghị phường cho khơi thông cống trước khi lượng xe tăng."
        ),
        "status": "pending",
        "hours_ago": 6,
    },
    {
        "article": _ROAD,
        "name": "Nguyễn Thị Lan",
        "phone": "",
        "title": "Hỏi về thủ tục bồi thường khi mở đường",
        "content": (
            "Nhà tôi có 12 m² nằm trong chỉ giới đường. Tôi cần chuẩn bị giấy tờ gì và nộp ở "
            "đâu để được xét bồi thường?"
        ),
        "status": "approved",
        "hours_ago": 50,
        "reply": (
            "Trung tâm Phục vụ hành chính công phường Long Biên",
            "Bà mang bản sao giấy chứng nhận quyền sử dụng đất và căn cước đến quầy số 3, "
            "sáng thứ Hai đến sáng thứ Bảy. Hướng dẫn chi tiết: https://dichvucong.gov.vn",
        ),
    },
    {
        "article": _ROAD,
        "name": "Hoàng Văn Tú",
        "phone": "",
        "title": "Giờ làm việc thứ Bảy của bộ phận một cửa",
        "content": "Bộ phận một cửa của phường có làm việc chiều thứ Bảy không ạ?",
        "status": "pending",
        "hours_ago": 5,
    },
    {
        "article": _ROAD,
        "name": "Đỗ Thanh Bình",
        "phone": "",
        "title": "Bản đồ quy hoạch chi tiết",
        "content": (
            "Tôi đã xem bản đồ ở www.quyhoach-vidu.vn nhưng không thấy ranh giới đoạn qua ngõ 45. "
            "Phường có thể niêm yết bản đồ tại nhà văn hóa không?"
        ),
        "status": "pending",
        "hours_ago": 4,
    },
    {
        "article": _RIVER,
        "name": "Vũ Hải Yến",
        "phone": "",
        "title": "Muốn đăng ký tham gia đợt sau",
        "content": (
            "Tôi là sinh viên, muốn tham gia dọn bãi sông đợt sau. "
            "Liên hệ với tôi qua số 0978 210 336 hoặc yen.vu@example.com nhé."
        ),
        "status": "pending",
        "hours_ago": 3,
    },
    {
        "article": _RIVER,
        "name": "Tài chính 24h",
        "phone": "",
        "title": "Vay tiền nhanh không cần thế chấp",
        "content": (
            "Vay tiền nhanh, giải ngân trong ngày, lãi thấp. Nhắn Zalo 0999 888 777 "
            "hoặc vào http://vay-nhanh.example.com"
        ),
        "status": "pending",
        "hours_ago": 2,
    },
    {
        "article": _CAMERA,
        "name": "Bùi Ngọc Anh",
        "phone": "",
        "title": "Camera ngõ 9 không hoạt động",
        "content": (
            "Camera đầu ngõ 9 khu dân cư Phúc Đồng tắt từ tuần trước, buổi tối ngõ rất tối. "
            "Nhờ phường kiểm tra giúp."
        ),
        "status": "pending",
        "hours_ago": 2,
    },
    {
        "article": _MARKET,
        "name": "Ngô Thu Trang",
        "phone": "",
        "title": "Phiên chợ có tổ chức hằng tháng không?",
        "content": "Rau ở phiên chợ rất tươi. Mong phường duy trì vào cuối tuần đầu mỗi tháng.",
        "status": "pending",
        "hours_ago": 1,
    },
]
