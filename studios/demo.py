"""Demo studios and their updates (工作动态) for ``manage.py load_demo``.

Idempotent: a studio is found by its slug below ``/studios/``, an update by its
slug below its studio, an image by its title; what exists is left as it is
(an editor may have changed it). The schools and people are fictional; the text
was written for this project.
"""

import datetime
import json
import random

from django.db import transaction

from home.choices import ConstructionModel, Direction, Province, SchoolType, StudioLevel, StudioStatus, WorkCarrier
from home.demo_images import banner, portrait, qr_like, wagtail_image

V, U = SchoolType.VOCATIONAL, SchoolType.UNIVERSITY
D = Direction
M = ConstructionModel
W = WorkCarrier

# --- the studios -------------------------------------------------------------------

STUDIOS = [
    {
        "slug": "qianxing",
        "title": "黔行班主任工作室",
        "school": "贵阳市城南职业技术学校",
        "school_type": V,
        "province": Province.GUIZHOU,
        "city": "贵阳市",
        "level": StudioLevel.PROVINCE,
        "status": StudioStatus.BUILDING,
        "cycle_start_year": 2024,
        "cycle_years": 3,
        "construction_model": M.MASTER_TEACHER,
        "directions": [D.CLASS_MANAGEMENT, D.IDEOLOGY],
        "host_name": "罗静",
        "host_title": "高级讲师",
        "host_years": 16,
        "host_honours": "贵州省优秀班主任（2021）\n所带汽修2016级1班获评贵阳市先进班集体\n主持市级课题《中职新生入学首月适应教育研究》并结题\n全国职业院校班主任能力比赛二等奖",
        "introduction": [
            "工作室成立于2024年春季，依托学校汽车运用与维修、数控技术两个骨干专业，由一名省级优秀班主任牵头，七位来自不同专业、不同年龄段的班主任组成。我们面对的学生大多第一次离家住校，学习基础参差，但动手能力强、讲义气、愿意为集体出力。",
            "建设周期内，工作室聚焦“新生入学第一个月”和“顶岗实习前半年”这两个最容易出问题的阶段，把班级管理中的真实难题拆成小课题，一边研究一边带班，力争三年内形成一本能直接上手的《中职班级管理工作手册》。",
        ],
        "philosophy": [
            "“行胜于言”。我们相信中职学生是在做事中长大的：让每个学生在班里有一件能负责的事，比讲十遍道理更管用。",
            "工作室的文化关键词是“守时、守信、守望”——班主任按时到班，对学生说过的话算数，在学生需要的时候站在他身后。",
        ],
        "work_carriers": [W.TEACHING_RESEARCH, W.CLASS_MEETING, W.CONSULTATION, W.DEMONSTRATION],
        "carriers_note": "每月第二周周三下午固定开展教研会；每学期组织一次面向全校的主题班会示范课；对学习困难、家庭变故的学生实行“一生一案”会诊。",
        "wechat_account": "黔行班主任",
        "video_account": "黔行班主任工作室",
        "member_pool": "vocational-auto",
        "member_count": 7,
    },
    {
        "slug": "tongxin",
        "title": "同心班主任工作室",
        "school": "黔中师范学院",
        "school_type": U,
        "province": Province.GUIZHOU,
        "city": "安顺市",
        "level": StudioLevel.PROVINCE,
        "status": StudioStatus.BUILDING,
        "cycle_start_year": 2024,
        "cycle_years": 2,
        "construction_model": M.RESEARCH_LED,
        "directions": [D.CULTURE, D.IDEOLOGY],
        "host_name": "杨秀兰",
        "host_title": "副教授",
        "host_years": 9,
        "host_honours": "贵州省高校优秀思想政治工作者\n主持省教育厅高校人文社科课题1项\n指导学生获“挑战杯”贵州省赛二等奖\n所带班级获评省级优秀班集体",
        "introduction": [
            "同心班主任工作室设在学院文学与传媒学院，成员来自汉语言文学、民族学、音乐学等专业。安顺地处屯堡文化核心区，学院学生中少数民族学生约占三成，这既是我们的特色，也是育人工作的出发点。",
            "工作室以省级课题“地方文化资源融入高校班级文化建设的路径研究”为牵引，组织学生走进屯堡村寨、阳明文化遗址，把田野调查做成班会、把班会做成作品，探索“文化浸润式”的班级建设方式。",
        ],
        "philosophy": [
            "各美其美，美人之美。每个学生都带着自己家乡的故事来到大学，班级应当是这些故事相遇、相互欣赏的地方。",
            "我们把“知行合一”作为工作室的精神底色：读过的书要到村寨里去验证，学到的道理要在班级生活里落地。",
        ],
        "work_carriers": [W.ACADEMIC_SALON, W.READING, W.CLASS_MEETING, W.SEMINAR],
        "carriers_note": "“屯堡课堂”田野研学每学年两次；“阳明读书会”每月一期；与地方文化馆共建实践基地。",
        "wechat_account": "同心育人坊",
        "video_account": "",
        "member_pool": "university-humanities",
        "member_count": 8,
    },
    {
        "slug": "yunqiao",
        "title": "云桥班主任工作室",
        "school": "黔北理工学院",
        "school_type": U,
        "province": Province.GUIZHOU,
        "city": "遵义市",
        "level": StudioLevel.SCHOOL,
        "status": StudioStatus.BUILDING,
        "cycle_start_year": 2025,
        "cycle_years": 3,
        "construction_model": M.MODULAR_TEAM,
        "directions": [D.ONLINE_IDEOLOGY, D.STUDY],
        "host_name": "冉茂林",
        "host_title": "讲师",
        "host_years": 7,
        "host_honours": "遵义市教育工作先进个人\n全省高校辅导员素质能力大赛三等奖\n在《高校辅导员学刊》等期刊发表论文2篇",
        "introduction": [
            "云桥工作室由计算机、电气、土木三个学院的青年班主任共同发起。理工科学生上网时间长、课程难度大，高数、电路等基础课挂科是不少学生大一最大的挫败。",
            "我们把工作室分成“网络育人”“学业帮扶”“数据支持”三个模块，各模块有牵头人、有任务清单，每月汇总一次。线上运营班级学习社群和工作室公众号，线下组织朋辈辅导，让网络成为学生学习和成长的帮手而不是消耗时间的地方。",
        ],
        "philosophy": [
            "架一座桥：在线上和线下之间，在学生和老师之间，在“听不懂”和“学得会”之间。",
            "我们尊重数据，但更尊重数据背后那个具体的人——预警名单上的每个名字，都要有一位老师去当面聊一次。",
        ],
        "work_carriers": [W.RESOURCE_LIBRARY, W.EXPERIENCE_SHARING, W.SEMINAR],
        "carriers_note": "运营“云桥学习社”班级学习社群与公众号；建设高数、电路微课资源库；每学期发布一次学业预警分析。",
        "wechat_account": "云桥学习社",
        "video_account": "云桥老班",
        "member_pool": "university-engineering",
        "member_count": 6,
    },
    {
        "slug": "xinyu",
        "title": "心语班主任工作室",
        "school": "苏州市运河中等专业学校",
        "school_type": V,
        "province": Province.JIANGSU,
        "city": "苏州市",
        "level": StudioLevel.PROVINCE,
        "status": StudioStatus.ACCEPTED,
        "cycle_start_year": 2022,
        "cycle_years": 3,
        "construction_model": M.COURSE_TRAINING,
        "directions": [D.MENTAL_HEALTH, D.FAMILY_SCHOOL],
        "host_name": "沈雅琴",
        "host_title": "高级讲师",
        "host_years": 18,
        "host_honours": "江苏省职业学校优秀班主任\n国家二级心理咨询师、家庭教育指导师\n苏州市“十佳”德育工作者\n主编校本教材《中职生心理成长二十讲》",
        "introduction": [
            "心语工作室是学校最早成立的班主任工作室之一，2025年通过省级验收。成员中有三位持证心理咨询师，其余均为在岗班主任，覆盖护理、学前教育、电子商务等专业。",
            "三年来工作室开发了面向班主任的“心理危机识别与家校沟通”专门培训课程，共12个学时，已在全市培训中职班主任四百余人次；同时坚持每周一次的“心语沙龙”，为班主任自己减压。",
        ],
        "philosophy": [
            "先接住情绪，再讲道理。一个被理解的学生，才有力气改变。",
            "班主任也需要被照顾。工作室愿做班主任的“加油站”，让大家带着好的状态回到班级。",
        ],
        "work_carriers": [W.EMOTION_SALON, W.LECTURE, W.CONSULTATION, W.RESOURCE_LIBRARY],
        "carriers_note": "“心语沙龙”每周四晚；“心理危机识别与家校沟通”培训课程每学期面向全市开班一次。",
        "wechat_account": "运河心语",
        "video_account": "心语老师说",
        "member_pool": "vocational-care",
        "member_count": 9,
    },
    {
        "slug": "jiangxin",
        "title": "匠心班主任工作室",
        "school": "宁波市甬江职业高级中学",
        "school_type": V,
        "province": Province.ZHEJIANG,
        "city": "宁波市",
        "level": StudioLevel.NATIONAL,
        "status": StudioStatus.BUILDING,
        "cycle_start_year": 2025,
        "cycle_years": 3,
        "construction_model": M.TASK_DRIVEN,
        "directions": [D.CAREER, D.INNOVATION],
        "host_name": "朱国平",
        "host_title": "正高级讲师",
        "host_years": 21,
        "host_honours": "全国优秀教师\n浙江省职业教育教学成果奖一等奖（第二完成人）\n指导学生获全国职业院校技能大赛一等奖\n宁波市名班主任",
        "introduction": [
            "匠心工作室扎根模具制造、智能制造两个专业群，和区内六家企业建立了“班企结对”关系。我们的学生毕业后大多走进车间，班主任的工作不能只管到毕业那一天。",
            "工作室以“职业生涯三年规划”和“学生创客项目”两项专题任务驱动建设：每学期由企业提出真实问题，班级组成项目组攻关，班主任和企业师傅共同指导，成果在年终的“匠心展”上展示。",
        ],
        "philosophy": [
            "做一件事，就把它做好。工作室希望学生带走的不只是一门手艺，还有对自己手艺的尊重。",
            "我们的口号是“一班一项目，一人一规划”。",
        ],
        "work_carriers": [W.DEMONSTRATION, W.EXPERIENCE_SHARING, W.LECTURE, W.TEACHING_RESEARCH],
        "carriers_note": "企业导师进班级每月一次；年终“匠心展”展示学生项目成果；毕业生回访制度。",
        "wechat_account": "甬江匠心",
        "video_account": "匠心班主任",
        "member_pool": "vocational-manufacturing",
        "member_count": 10,
    },
    {
        "slug": "nanfeng",
        "title": "南风班主任工作室",
        "school": "佛山市南海信息技术职业学校",
        "school_type": V,
        "province": Province.GUANGDONG,
        "city": "佛山市",
        "level": StudioLevel.CITY,
        "status": StudioStatus.BUILDING,
        "cycle_start_year": 2024,
        "cycle_years": 3,
        "construction_model": M.MENTORSHIP,
        "directions": [D.CLASS_MANAGEMENT, D.ONLINE_IDEOLOGY],
        "host_name": "梁慧敏",
        "host_title": "高级讲师",
        "host_years": 14,
        "host_honours": "广东省中职学校德育先进个人\n佛山市优秀班主任\n所带电子商务班获评“广东省五四红旗团支部”",
        "introduction": [
            "南风工作室实行“一带二”师徒结对：每位骨干班主任带两名入职三年内的青年班主任，师徒同上一节班会课、同做一次家访、同写一份带班反思。",
            "学校以信息技术类专业为主，学生几乎人手一部手机，短视频、游戏、网购都是班级管理绕不开的话题。工作室和学生一起制定“班级手机公约”，尝试用学生熟悉的方式讲好网络文明这一课。",
        ],
        "philosophy": [
            "南风知我意。好的班主任像一阵温和的南风，不催不逼，却能让人慢慢打开。",
            "传帮带不是单向的：师父教经验，徒弟教新工具，彼此都在长进。",
        ],
        "work_carriers": [W.CLASS_MEETING, W.EXPERIENCE_SHARING, W.TEACHING_RESEARCH],
        "carriers_note": "师徒“同课异构”班会每学期两轮；青年班主任成长档案一人一册。",
        "wechat_account": "南风带班笔记",
        "video_account": "南风老班",
        "member_pool": "vocational-it",
        "member_count": 7,
    },
    {
        "slug": "shuxiang",
        "title": "书香班主任工作室",
        "school": "长沙湘江职业中专学校",
        "school_type": V,
        "province": Province.HUNAN,
        "city": "长沙市",
        "level": StudioLevel.PROVINCE,
        "status": StudioStatus.BUILDING,
        "cycle_start_year": 2025,
        "cycle_years": 2,
        "construction_model": M.MASTER_TEACHER,
        "directions": [D.STUDY, D.CULTURE],
        "host_name": "彭湘云",
        "host_title": "高级讲师",
        "host_years": 19,
        "host_honours": "湖南省芙蓉教学名师\n长沙市优秀班主任\n湖南省中职语文教学竞赛一等奖",
        "introduction": [
            "书香工作室由一位语文特级教师发起，成员多为语文、历史和思政课教师兼班主任。我们发现，中职学生并非不爱读书，而是很少有人陪他们读、和他们聊。",
            "工作室在各成员班级推行“每日一读、每周一聊、每月一书”，把阅读和学业指导结合起来：读专业相关的人物传记，读写给年轻人的书，再把读书笔记变成班级文化墙上的作品。",
        ],
        "philosophy": [
            "腹有诗书气自华。一个读书的班级，说话做事都会不一样。",
            "我们不追求读得多，只希望每个学生毕业时能说出一本真正打动过自己的书。",
        ],
        "work_carriers": [W.READING, W.CLASS_MEETING, W.DEMONSTRATION],
        "carriers_note": "“湘江夜读”每周二晚；班级图书角与流动书箱；年度“书香班级”评选。",
        "wechat_account": "湘江书香",
        "video_account": "",
        "member_pool": "vocational-humanities",
        "member_count": 6,
    },
    {
        "slug": "jiaxiaoqiao",
        "title": "家校桥班主任工作室",
        "school": "成都锦城护理职业学校",
        "school_type": V,
        "province": Province.SICHUAN,
        "city": "成都市",
        "level": StudioLevel.CITY,
        "status": StudioStatus.RECOMMENDED,
        "cycle_start_year": 2026,
        "cycle_years": 3,
        "construction_model": M.RESEARCH_LED,
        "directions": [D.FAMILY_SCHOOL, D.MENTAL_HEALTH],
        "host_name": "曾丽萍",
        "host_title": "讲师",
        "host_years": 11,
        "host_honours": "成都市优秀班主任\n四川省家庭教育指导服务优秀案例一等奖\n主持市级课题《中职寄宿生家校沟通机制研究》",
        "introduction": [
            "学校以护理、助产专业为主，女生占九成，住校生来自省内二十多个区县，其中不少是留守家庭的孩子。家长离得远、见面少，一些问题往往要等到出事才被发现。",
            "家校桥工作室以市级课题为牵引，研究寄宿制中职学校的家校沟通：建立分层次的家长联络方式，开设线上家长课堂，总结“电话家访”的话术和注意事项，让家长愿意说、能参与。",
        ],
        "philosophy": [
            "家长不是“被通知的人”，而是和我们一起养育孩子的伙伴。",
            "沟通的目的不是告状，而是一起想办法。",
        ],
        "work_carriers": [W.LECTURE, W.SEMINAR, W.CONSULTATION],
        "carriers_note": "线上家长课堂每月一期；新生家长会与返校日家长开放日；电话家访记录制度。",
        "wechat_account": "锦城家校桥",
        "video_account": "家校桥",
        "member_pool": "vocational-care",
        "member_count": 8,
    },
    {
        "slug": "qihang",
        "title": "启航班主任工作室",
        "school": "青岛海滨职业学院",
        "school_type": U,
        "province": Province.SHANDONG,
        "city": "青岛市",
        "level": StudioLevel.SCHOOL,
        "status": StudioStatus.BUILDING,
        "cycle_start_year": 2025,
        "cycle_years": 3,
        "construction_model": M.OTHER,
        "directions": [D.CAREER, D.INNOVATION, D.STUDY],
        "host_name": "孙建华",
        "host_title": "副教授",
        "host_years": 10,
        "host_honours": "山东省高校优秀辅导员\n指导学生获中国国际大学生创新大赛省赛金奖\n全国高校就业创业指导教师培训合格证书",
        "introduction": [
            "启航工作室采用“校企双导师班主任”模式：每个实验班配一名校内班主任和一名来自港口、物流、跨境电商企业的企业班主任，两人共同开班会、共同带实践。",
            "工作室关注学生从入学到就业的全过程，在大一开设“职业探索周”，大二组建创新创业项目团队，大三开展模拟招聘和岗位见习，逐步形成可复制的“双导师”班级工作流程。",
        ],
        "philosophy": [
            "每个学生都应该有一张属于自己的航海图：知道自己在哪，想去哪，下一步怎么走。",
        ],
        "work_carriers": [W.LECTURE, W.EXPERIENCE_SHARING, W.ACADEMIC_SALON],
        "carriers_note": "企业班主任进课堂每月两次；“启航创客营”每年一届；校友职业分享会。",
        "wechat_account": "海滨启航",
        "video_account": "启航生涯课",
        "member_pool": "university-business",
        "member_count": 7,
    },
    {
        "slug": "tongzhou",
        "title": "同舟班主任工作室",
        "school": "郑州中原工业职业学院",
        "school_type": U,
        "province": Province.HENAN,
        "city": "郑州市",
        "level": StudioLevel.PROVINCE,
        "status": StudioStatus.BUILDING,
        "cycle_start_year": 2024,
        "cycle_years": 3,
        "construction_model": M.MENTORSHIP,
        "directions": [D.CLASS_MANAGEMENT, D.IDEOLOGY],
        "host_name": "李红军",
        "host_title": "副教授",
        "host_years": 12,
        "host_honours": "河南省教育系统优秀共产党员\n河南省高校辅导员年度人物提名奖\n所带班级获评省级先进班集体",
        "introduction": [
            "同舟工作室服务于学院的机电、汽车两个学院，学生规模大、班级多，班主任以兼职的专业课教师为主。很多老师业务精，但对带班心里没底。",
            "工作室用师徒结对的办法，把有经验的班主任和新手班主任编成“同舟小组”，从班委选拔、宿舍管理、心理排查到毕业季离校，一项一项手把手地带，并把过程中的做法整理成可以直接查阅的工作清单。",
        ],
        "philosophy": [
            "同舟共济。班级是一条船，班主任掌舵，但要每个人都拿起桨。",
        ],
        "work_carriers": [W.TEACHING_RESEARCH, W.CLASS_MEETING, W.EXPERIENCE_SHARING],
        "carriers_note": "“同舟小组”每两周碰头一次；新任班主任岗前培训三天；优秀班会课评选。",
        "wechat_account": "同舟班主任",
        "video_account": "",
        "member_pool": "university-engineering",
        "member_count": 9,
    },
    {
        "slug": "caiyun",
        "title": "彩云班主任工作室",
        "school": "昆明滇池职业技术学校",
        "school_type": V,
        "province": Province.YUNNAN,
        "city": "昆明市",
        "level": StudioLevel.PROVINCE,
        "status": StudioStatus.BUILDING,
        "cycle_start_year": 2024,
        "cycle_years": 2,
        "construction_model": M.TASK_DRIVEN,
        "directions": [D.CULTURE, D.IDEOLOGY],
        "host_name": "段丽华",
        "host_title": "高级讲师",
        "host_years": 15,
        "host_honours": "云南省民族团结进步模范个人\n昆明市优秀班主任\n主持省级课题《中职学校铸牢中华民族共同体意识教育实践研究》",
        "introduction": [
            "学校有来自彝族、白族、哈尼族、傣族等二十多个民族的学生，旅游服务、民族工艺是学校的特色专业。彩云工作室的成员中有四位少数民族教师。",
            "工作室以“各民族学生共学共事共乐”为专题任务，组织混合编组的班级活动：一起做民族服饰的非遗小课题，一起排练节日展演，一起到社区做讲解志愿者，在共同做事中增进了解。",
        ],
        "philosophy": [
            "石榴籽紧紧抱在一起。我们希望每个学生离开学校时，都有几位来自不同民族的好朋友。",
        ],
        "work_carriers": [W.CLASS_MEETING, W.DEMONSTRATION, W.EXPERIENCE_SHARING],
        "carriers_note": "“七彩班会”系列主题班会；非遗工艺社团；民族节日展演。",
        "wechat_account": "滇池彩云",
        "video_account": "彩云班主任",
        "member_pool": "vocational-humanities",
        "member_count": 8,
    },
    {
        "slug": "shancheng",
        "title": "山城班主任工作室",
        "school": "重庆渝西工程职业学院",
        "school_type": U,
        "province": Province.CHONGQING,
        "city": "重庆市永川区",
        "level": StudioLevel.CITY,
        "status": StudioStatus.BUILDING,
        "cycle_start_year": 2025,
        "cycle_years": 2,
        "construction_model": M.MODULAR_TEAM,
        "directions": [D.ONLINE_IDEOLOGY, D.MENTAL_HEALTH],
        "host_name": "谭晓峰",
        "host_title": "副教授",
        "host_years": 8,
        "host_honours": "重庆市高校心理健康教育先进个人\n重庆市高校辅导员素质能力大赛一等奖\n发表心理健康教育相关论文3篇",
        "introduction": [
            "山城工作室关注大学生的网络生活与心理健康之间的关系。成员分成“网络阵地”“心理支持”“朋辈培训”三个小组，各有分工又互相补位。",
            "我们在班级中培养心理委员和网络宣传员，开发了“夜聊”线上陪伴活动——每周两个晚上，由经过培训的朋辈志愿者在线陪同学聊天，发现需要帮助的情况及时转介给专业老师。",
        ],
        "philosophy": [
            "山高路陡，有人同行就不怕。我们想做那个在深夜也能找到的人。",
        ],
        "work_carriers": [W.EMOTION_SALON, W.RESOURCE_LIBRARY, W.LECTURE],
        "carriers_note": "“夜聊”线上陪伴每周二、周四晚；心理委员培训每学期8学时；网络文明主题作品征集。",
        "wechat_account": "山城夜聊",
        "video_account": "山城班主任",
        "member_pool": "university-humanities",
        "member_count": 6,
    },
    {
        "slug": "xishan",
        "title": "西山班主任工作室",
        "school": "北京市西山职业技术学校",
        "school_type": V,
        "province": Province.BEIJING,
        "city": "海淀区",
        "level": StudioLevel.CITY,
        "status": StudioStatus.APPLYING,
        "cycle_start_year": 2026,
        "cycle_years": 2,
        "construction_model": M.COURSE_TRAINING,
        "directions": [D.FAMILY_SCHOOL, D.CLASS_MANAGEMENT],
        "host_name": "高文娟",
        "host_title": "高级讲师",
        "host_years": 13,
        "host_honours": "北京市职业院校优秀班主任\n北京市中职班主任基本功展示一等奖\n海淀区家庭教育指导优秀讲师",
        "introduction": [
            "西山工作室2026年申报，目前正在学校推荐阶段。团队由六位中青年班主任组成，专业覆盖会计事务、园林技术和计算机应用。",
            "工作室计划开发一套面向新任班主任的“班级管理与家校沟通”专门课程，包括班级常规、班干部培养、家长会组织、沟通中的难题应对等八个模块，每个模块配有案例和演练。",
        ],
        "philosophy": [
            "把复杂的事情做简单，把简单的事情做扎实。",
        ],
        "work_carriers": [W.TEACHING_RESEARCH, W.LECTURE, W.SEMINAR],
        "carriers_note": "新任班主任课程试讲每月一次；家长学校每学期四讲。",
        "wechat_account": "西山班主任课堂",
        "video_account": "",
        "member_pool": "vocational-it",
        "member_count": 6,
    },
]

FEATURED = ["qianxing", "xinyu", "jiangxin", "tongxin", "caiyun", "qihang"]

# --- members -------------------------------------------------------------------------

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛段雷龙黎史陶贺毛顾龚邵万武钱戴严莫孔向常汤康易乔赖文"
GIVEN_NAMES = [
    "晓雯",
    "建军",
    "思远",
    "雅琴",
    "海燕",
    "志强",
    "丽娟",
    "文博",
    "欣怡",
    "俊杰",
    "红梅",
    "子涵",
    "明辉",
    "婷婷",
    "国庆",
    "春燕",
    "宇航",
    "佳琪",
    "立新",
    "秀英",
    "浩然",
    "静怡",
    "永福",
    "梦瑶",
    "晨曦",
    "德华",
    "玉兰",
    "嘉豪",
    "慧敏",
    "世杰",
    "若楠",
    "学军",
    "芳芳",
    "一鸣",
    "雪莲",
    "振华",
    "晓东",
    "美玲",
    "天佑",
    "丹丹",
    "凯",
    "敏",
    "磊",
    "娜",
    "涛",
    "艳",
    "勇",
    "颖",
    "鹏",
    "霞",
    "琳",
    "斌",
    "洁",
    "帆",
    "楠",
]

MEMBER_POOLS = {
    "vocational-auto": (
        ["高级讲师", "讲师", "讲师", "助理讲师", "高级讲师", "一级实习指导教师"],
        ["汽车运用与维修", "数控技术应用", "语文", "数学", "思想政治", "汽车车身修复", "体育与健康"],
    ),
    "vocational-care": (
        ["高级讲师", "讲师", "讲师", "助理讲师", "主管护师"],
        ["护理", "学前教育", "电子商务", "心理健康", "语文", "英语", "助产"],
    ),
    "vocational-manufacturing": (
        ["高级讲师", "讲师", "正高级讲师", "讲师", "助理讲师", "高级技师"],
        ["模具制造技术", "机电技术应用", "工业机器人技术应用", "数学", "语文", "思想政治", "机械加工"],
    ),
    "vocational-it": (
        ["高级讲师", "讲师", "讲师", "助理讲师"],
        ["电子商务", "计算机应用", "网络信息安全", "会计事务", "园林技术", "英语", "历史"],
    ),
    "vocational-humanities": (
        ["高级讲师", "讲师", "讲师", "助理讲师"],
        ["语文", "历史", "思想政治", "旅游服务与管理", "民族工艺品制作", "美术", "音乐"],
    ),
    "university-humanities": (
        ["副教授", "讲师", "讲师", "教授", "助教"],
        ["汉语言文学", "民族学", "思想政治教育", "应用心理学", "音乐学", "新闻学", "社会工作"],
    ),
    "university-engineering": (
        ["讲师", "副教授", "讲师", "助教", "高级工程师"],
        ["计算机科学与技术", "电气工程及其自动化", "土木工程", "高等数学", "机械设计制造及其自动化", "汽车服务工程"],
    ),
    "university-business": (
        ["副教授", "讲师", "讲师", "助教", "经济师"],
        ["物流管理", "跨境电子商务", "港口与航运管理", "市场营销", "大学英语", "创新创业教育"],
    ),
}


def demo_members(studio_data):
    """5-10 members with roles, titles, subjects and years, stable for a studio."""
    rng = random.Random(studio_data["slug"])  # noqa: S311 - stable demo data, not security
    titles, subjects = MEMBER_POOLS[studio_data["member_pool"]]
    used = {studio_data["host_name"]}
    members = []
    for i in range(studio_data["member_count"]):
        name = studio_data["host_name"]
        while name in used:
            name = rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)
        used.add(name)
        if i == 0:
            role, years = "副主持人", rng.randint(8, 15)
        elif i <= 2:
            role, years = "核心成员", rng.randint(5, 12)
        elif i == studio_data["member_count"] - 1 and studio_data["member_count"] >= 8:
            role, years = "校外专家", None
        else:
            role, years = "成员", rng.randint(1, 6)
        title = (
            titles[i % len(titles)]
            if role != "校外专家"
            else rng.choice(["家庭教育指导师", "心理咨询师", "企业培训师"])
        )
        subject = subjects[(i + rng.randint(0, 2)) % len(subjects)] if role != "校外专家" else ""
        members.append({"name": name, "role": role, "title": title, "subject": subject, "years": years})
    return members


# --- the updates (工作动态) -------------------------------------------------------------
# Each: slug, date, kind, title, summary, sections [(heading or None, paragraph)], caption
# of the photo, optional quote (text, attribution) and optional table (rows, first row header).

UPDATES = {
    "qianxing": [
        {
            "slug": "2024-freshman-first-month",
            "date": datetime.date(2024, 9, 26),
            "kind": W.TEACHING_RESEARCH,
            "title": "新生入学第一个月，我们最该盯住什么",
            "summary": "开学第四周，工作室围绕新生适应问题开展教研，梳理出“作息、宿舍、手机、想家”四个高发点。",
            "sections": [
                (
                    None,
                    "九月的最后一个周三，工作室七位成员带着各自班级的开学记录坐到了一起。新生入学已近一个月，几位新手班主任都说“忙得脚不沾地，却不知道忙在哪里”。",
                ),
                (
                    "四个高发点",
                    "大家把一个月来遇到的问题写在便利贴上，贴满了一面白板。归类之后发现，八成问题集中在四件事上：早上起不来、宿舍里闹矛盾、晚上玩手机到深夜、周末想回家。罗静老师说，这四件事看着小，却决定了一个学生能不能在这所学校待下去。",
                ),
                (
                    "从“管住”到“接住”",
                    "讨论中，汽修专业的吴老师分享了他的做法：不急着没收手机，而是先和学生约定熄灯后手机放进宿舍的收纳袋，由舍长统一保管，一周后再根据执行情况调整。几位老师决定在各自班级试行两周，下次教研时带数据回来。",
                ),
            ],
            "caption": "成员们把开学以来遇到的问题逐条贴上白板分类",
            "quote": ("新生第一个月不是磨合期，是定型期。", "罗静"),
        },
        {
            "slug": "2024-class-meeting-punctuality",
            "date": datetime.date(2024, 11, 14),
            "kind": W.CLASS_MEETING,
            "title": "主题班会示范课《守时，是对别人的尊重》",
            "summary": "工作室面向全校班主任开放一节主题班会示范课，学生用汽修车间的“工时”概念讨论守时。",
            "sections": [
                (
                    None,
                    "本学期的班会示范课由工作室成员陈老师执教，授课班级是汽修2024级2班。课前，陈老师请学生统计了一周内全班的迟到次数和原因，这组数据成了班会的开场。",
                ),
                (
                    "用专业的话讲道理",
                    "班会中段，陈老师请学生回忆实训课上学过的“工时”：修一台车的每一道工序都有标准时间，超时意味着成本和客户的等待。学生很快就把这个概念和上课迟到联系起来——“我迟到五分钟，全班四十个人就一起等了我两百分钟。”",
                ),
                (
                    "评课与反思",
                    "课后的评课环节，十余位听课老师认为，这节班会最大的亮点是没有说教，结论是学生自己推出来的。也有老师建议，后续可以让学生自己设计一个月的守时记录表，把班会的效果延续下去。",
                ),
            ],
            "caption": "学生分组统计一周迟到数据并上台汇报",
        },
        {
            "slug": "2025-case-consultation",
            "date": datetime.date(2025, 4, 9),
            "kind": W.CONSULTATION,
            "title": "一次典型学生“会诊”：他为什么总在周一请假",
            "summary": "针对一名连续五周周一请假的学生，工作室组织班主任、心理老师和实习指导教师共同会诊。",
            "sections": [
                (
                    None,
                    "小周（化名）是数控专业二年级学生，成绩中等，人缘不错，却连续五个周一请了病假。班主任多次谈话，他都说“身体不舒服”。四月初，工作室把这个情况拿到了会诊会上。",
                ),
                (
                    "多方信息拼在一起",
                    "心理老师注意到，小周的请假都集中在周一上午，恰好是他最怵的机械制图课；实习指导老师则反映，他在车间里动手很快，是小组里的骨干。家长电话回访得知，他周末在家经常熬夜打游戏。几条线索放在一起，问题的轮廓清楚了许多。",
                ),
                (
                    "商定的办法",
                    "会诊商定三步：由制图老师课后单独给小周补两次基础；班主任和家长约定周日晚上十点后手机交给父母；请小周担任车间小组的安全员，让他在自己擅长的地方被看见。一个月后回访，小周没有再在周一请假。",
                ),
            ],
            "caption": "会诊会上，成员们对照学生的出勤记录分析原因",
        },
        {
            "slug": "2026-handbook-draft",
            "date": datetime.date(2026, 6, 18),
            "kind": W.SEMINAR,
            "title": "《中职班级管理工作手册》初稿研讨",
            "summary": "工作室两年来的带班经验汇成十二个专题，手册初稿进入集体审读阶段。",
            "sections": [
                (
                    None,
                    "经过两年的积累，工作室把教研会、会诊会和示范课中形成的做法整理成《中职班级管理工作手册》初稿，共十二个专题、约六万字。六月中旬，成员们用一个下午逐章审读。",
                ),
                (
                    "读者是谁",
                    "审读中争论最多的问题是：这本手册写给谁看？最后大家达成共识——写给刚接班、心里没底的年轻班主任。因此凡是“应当重视”“要加强”之类的空话一律删去，换成具体到“第一周做什么、第一次家长会怎么开”的步骤。",
                ),
                ("下一步", "手册计划在秋季学期前完成修改，先在本校新任班主任中试用一学期，收集意见后再对外分享。"),
            ],
            "caption": "成员们分章节交叉审读手册初稿",
            "table": [
                ["专题", "执笔人", "完成情况"],
                ["新生入学第一个月", "罗静", "已定稿"],
                ["班干部的选拔与培养", "陈老师", "修改中"],
                ["宿舍管理与矛盾调解", "吴老师", "修改中"],
                ["顶岗实习前的准备", "杨老师", "待审读"],
            ],
        },
    ],
    "tongxin": [
        {
            "slug": "2024-tunpu-fieldwork",
            "date": datetime.date(2024, 10, 19),
            "kind": W.OTHER,
            "title": "走进屯堡村寨：一堂搬到田野里的班会",
            "summary": "同心工作室带领两个班的学生走进屯堡村寨开展研学，学生分组完成“一户一故事”的口述采访。",
            "sections": [
                (
                    None,
                    "十月的一个周六，汉语言文学2023级两个班的六十多名学生，在班主任带领下来到距学校三十公里外的一个屯堡村寨。这是工作室“屯堡课堂”的第一次田野研学。",
                ),
                (
                    "一户一故事",
                    "学生们分成十个小组，每组走访一户人家，听老人讲村寨的来历、地戏的传承、服饰的讲究。一位来自黔东南的苗族学生说，她在老人的讲述里听到了和自己家乡相似的故事，“原来我们都是从很远的地方来，又在这里扎下了根”。",
                ),
                (
                    "回到教室之后",
                    "研学结束后，两个班各用一次班会交流采访所得，整理出十篇口述史小文章。工作室计划把这些文章编成班级文集，也作为课题研究的一手材料。",
                ),
            ],
            "caption": "学生在村寨老人家中做口述采访记录",
        },
        {
            "slug": "2025-yangming-reading",
            "date": datetime.date(2025, 3, 13),
            "kind": W.READING,
            "title": "阳明读书会第六期：知行合一与大学生活",
            "summary": "读书会共读《传习录》选段，学生结合自己的学习与生活谈“知”与“行”之间的距离。",
            "sections": [
                (
                    None,
                    "本期读书会选读《传习录》中关于“知行合一”的几段对话。与往期不同，这次的领读人是两名大二学生，老师只在最后做简短点评。",
                ),
                (
                    "知道和做到",
                    "讨论从一个很实在的问题开始：“我们都知道要早睡，为什么做不到？”有同学说这是意志力问题，有同学说是因为“知道得还不够真”。领读的同学引用阳明先生的话，“知而不行，只是未知”，引来一阵热烈的争论。",
                ),
                (
                    "老师的话",
                    "杨秀兰老师在点评时说，读经典不是为了背几句名言，而是让我们在遇到具体的事情时多一种想问题的方式。她布置了一个小作业：每人选一件“知道但没做到”的事，坚持做二十一天，下次读书会分享。",
                ),
            ],
            "caption": "学生领读人主持读书会讨论",
            "quote": ("知是行之始，行是知之成。", "王阳明《传习录》"),
        },
        {
            "slug": "2025-salon-ethnic-culture",
            "date": datetime.date(2025, 11, 6),
            "kind": W.ACADEMIC_SALON,
            "title": "学术沙龙：地方文化如何真正走进班级",
            "summary": "工作室邀请民族学、音乐学两位教授与班主任对话，讨论课题阶段成果与下一步方向。",
            "sections": [
                (
                    None,
                    "课题进入第二年，工作室举办了一场小型学术沙龙，邀请学院民族学、音乐学两位教授，与十余位班主任围绕“地方文化资源融入班级文化建设”展开对话。",
                ),
                (
                    "避免“贴标签”",
                    "民族学的教授提醒，文化进班级最怕停留在贴几张图片、办一次展演，学生看过就忘。真正有效的方式，是让学生成为文化的研究者和讲述者，而不只是观众。",
                ),
                (
                    "从活动到课程",
                    "与会班主任提出，一年来积累的研学、读书会、文集等活动已经比较丰富，下一步应当把它们梳理成一套有目标、有评价的班级文化课程。沙龙决定由工作室牵头，寒假前拿出课程框架。",
                ),
            ],
            "caption": "教授与班主任围坐交流课题阶段成果",
        },
    ],
    "yunqiao": [
        {
            "slug": "2025-peer-tutoring-launch",
            "date": datetime.date(2025, 3, 3),
            "kind": W.EXPERIENCE_SHARING,
            "title": "“云桥学习社”朋辈辅导正式启动",
            "summary": "针对高数、电路两门课的挂科问题，工作室招募四十名高年级学生担任朋辈辅导员。",
            "sections": [
                (
                    None,
                    "上学期期末，计算机、电气两个学院大一学生的高等数学挂科率接近两成。开学第一周，云桥工作室正式启动“云桥学习社”朋辈辅导项目。",
                ),
                (
                    "谁来辅导",
                    "项目从大二、大三学生中招募了四十名辅导员，要求相关课程成绩在85分以上，并参加两次培训。培训内容不是讲题技巧，而是怎样倾听、怎样不替对方做题。",
                ),
                (
                    "怎么辅导",
                    "辅导采用“线上答疑+线下小组”的方式：线上社群每天晚上九点到十点有辅导员值班；线下每周两次小组辅导，每组不超过六人。班主任负责把需要帮助的学生推荐进来，并定期了解进展。",
                ),
            ],
            "caption": "朋辈辅导员培训现场",
        },
        {
            "slug": "2025-data-warning",
            "date": datetime.date(2025, 7, 8),
            "kind": W.SEMINAR,
            "title": "学业预警数据怎么用？一次专题研讨",
            "summary": "工作室数据组发布首份学期学业分析，成员们讨论如何让预警名单变成一次次面对面的谈话。",
            "sections": [
                (
                    None,
                    "学期结束后，工作室“数据支持”模块汇总了三个学院的课程成绩、出勤和线上学习平台记录，形成第一份学期学业分析报告。",
                ),
                (
                    "数据看到了什么",
                    "分析发现，期中之前连续三周缺交作业的学生，期末挂科的可能性明显更高；而参加过四次以上朋辈辅导的学生，高数通过率比同班平均高出不少。这些发现为提前干预提供了依据。",
                ),
                (
                    "数据看不到什么",
                    "冉茂林老师在研讨中提醒大家，数据只能告诉我们“谁可能有困难”，却说不清“为什么”。有的学生缺交作业是因为沉迷游戏，有的是因为在外打工补贴家用。工作室因此约定：预警名单上的每一位同学，都由班主任当面聊一次，并记录原因。",
                ),
            ],
            "caption": "数据组成员展示学期学业分析报告",
        },
        {
            "slug": "2025-online-civility-works",
            "date": datetime.date(2025, 12, 2),
            "kind": W.OTHER,
            "title": "网络文明短视频作品展播",
            "summary": "学生自编自导的十二部网络文明短视频在工作室公众号展播，题材从网络谣言到游戏防沉迷。",
            "sections": [
                (
                    None,
                    "十一月，工作室在各成员班级发起“我的网络生活”短视频创作活动，鼓励学生用一分钟左右的短片讲一个和网络有关的真实故事。",
                ),
                (
                    "学生的视角",
                    "最终征集到的作品比老师们预想的更有意思：有的拍室友为了抢演唱会门票被“黄牛”骗钱，有的拍自己戒掉深夜刷视频的一周，还有的用动画讲清了一条谣言是怎样被转发上万次的。",
                ),
                (
                    "展播与讨论",
                    "十二部作品在公众号展播一周，累计阅读近万次。各班随后用一次班会观看讨论，学生对网络文明的理解，比听一场报告来得更具体。",
                ),
            ],
            "caption": "学生在剪辑自己拍摄的网络文明短片",
        },
        {
            "slug": "2026-micro-lecture-library",
            "date": datetime.date(2026, 5, 20),
            "kind": W.RESOURCE_LIBRARY,
            "title": "高数、电路微课资源库上线",
            "summary": "由学生辅导员和任课教师共同录制的六十节微课上线，每节不超过八分钟。",
            "sections": [
                (
                    None,
                    "一年多来，朋辈辅导中反复被问到的问题被一一记录下来。这学期，工作室联合任课教师，把这些问题录成了微课。",
                ),
                (
                    "短、准、有温度",
                    "每节微课只讲一个知识点，时长控制在八分钟以内。讲解者多数是学生辅导员，他们知道同学卡在哪里，讲的时候会说“我当时也在这里想了很久”。",
                ),
                (
                    "持续更新",
                    "资源库目前共有高数微课三十八节、电路微课二十二节，已在学习社群中置顶。工作室计划每学期根据新的提问继续补充。",
                ),
            ],
            "caption": "学生辅导员录制微课",
        },
    ],
    "xinyu": [
        {
            "slug": "2024-crisis-training",
            "date": datetime.date(2024, 4, 18),
            "kind": W.LECTURE,
            "title": "“心理危机识别与家校沟通”培训第三期开班",
            "summary": "来自全市十二所中职学校的六十名班主任参加培训，课程新增了情景演练环节。",
            "sections": [
                (
                    None,
                    "四月中旬，工作室开发的“心理危机识别与家校沟通”培训课程迎来第三期学员。与前两期相比，本期课程压缩了理论讲授，新增了三个情景演练单元。",
                ),
                (
                    "情景演练",
                    "演练中，学员两人一组，一人扮演班主任，一人扮演情绪激动的家长。很多老师坦言，真正面对家长的质问时，脑子里准备好的话一句也想不起来，“练过一遍，心里就有底了”。",
                ),
                (
                    "课程反馈",
                    "课后问卷显示，学员对“预警信号识别”和“第一次电话怎么打”两个单元评价最高。工作室将据此继续调整课程内容。",
                ),
            ],
            "caption": "学员两人一组进行家校沟通情景演练",
        },
        {
            "slug": "2024-salon-burnout",
            "date": datetime.date(2024, 12, 5),
            "kind": W.EMOTION_SALON,
            "title": "心语沙龙：期末季，班主任也需要喘口气",
            "summary": "一次专门为班主任准备的减压沙龙，大家聊累、聊委屈，也聊坚持下来的理由。",
            "sections": [
                (
                    None,
                    "十二月是班主任最忙的时候：期末考试、技能抽测、学生评优、家长会一件接一件。本周四晚上的心语沙龙，主题就叫“喘口气”。",
                ),
                (
                    "说出来就好一些",
                    "沙龙没有主讲人，只有一个规则：只倾听，不评判。一位年轻老师说起自己因为学生打架被家长投诉，委屈了好几天。几位老教师没有急着给建议，只是告诉她：“我们都经历过。”",
                ),
                (
                    "一个小练习",
                    "最后，沈雅琴老师带大家做了十分钟的呼吸放松练习，并请每个人写下这学期最让自己欣慰的一件事。纸条被收进工作室的“能量罐”，留给下一个觉得撑不下去的时刻。",
                ),
            ],
            "caption": "心语沙龙现场，班主任们围坐交流",
        },
        {
            "slug": "2025-acceptance",
            "date": datetime.date(2025, 6, 27),
            "kind": W.EXPERIENCE_SHARING,
            "title": "工作室通过省级验收，三年成果汇报",
            "summary": "验收专家组认为工作室在培训课程开发和班主任心理支持方面形成了可推广的经验。",
            "sections": [
                (
                    None,
                    "六月下旬，省教育厅组织专家组对心语工作室进行建设期满验收。工作室从团队成长、课程开发、育人实践三个方面作了汇报。",
                ),
                (
                    "三年的数字",
                    "三年里，工作室开发培训课程1门、编写校本教材1本，培训全市中职班主任四百余人次；成员中有两人获评市级优秀班主任，一人在省班主任能力比赛中获奖；举办心语沙龙一百余期。",
                ),
                (
                    "专家的建议",
                    "专家组建议工作室在下一阶段加强研究成果的提炼，把培训课程中的案例整理成案例库，面向更多学校开放。",
                ),
            ],
            "caption": "主持人沈雅琴向验收专家组汇报",
        },
        {
            "slug": "2026-parent-letter",
            "date": datetime.date(2026, 3, 12),
            "kind": W.SEMINAR,
            "title": "专题研讨：给家长的一封信应该怎么写",
            "summary": "新学期第一封家长信，从“告知事项”改成“讲一个孩子的故事”。",
            "sections": [
                (
                    None,
                    "每学期开学，班主任都要给家长发一封信，内容大多是作息时间、安全须知和收费说明。家长往往扫一眼就放下了。这次研讨，工作室想把这封信重新写一遍。",
                ),
                (
                    "换一个开头",
                    "大家讨论后决定，信的开头不再是“尊敬的家长”，而是讲一个上学期班里发生的小故事，比如一个学生在实习中得到了病人的感谢。事务性的内容移到后半部分，用清单列出。",
                ),
                (
                    "试行效果",
                    "三个班试行后，家长在班级群里的回复明显多了，有家长专门发消息说“原来孩子在学校还有这样的一面”。",
                ),
            ],
            "caption": "成员们对照旧版家长信逐段修改",
        },
    ],
    "jiangxin": [
        {
            "slug": "2025-enterprise-mentors",
            "date": datetime.date(2025, 9, 24),
            "kind": W.LECTURE,
            "title": "企业导师进班级：模具车间里的第一课",
            "summary": "六家结对企业的技术骨干走进新生班级，讲自己从学徒到高级技师的经历。",
            "sections": [
                (None, "新学期开学不久，工作室邀请六家结对企业的技术骨干走进一年级的六个班，每人上一节“职业第一课”。"),
                (
                    "师傅的故事",
                    "来自一家汽车模具企业的陈师傅，十八年前也是这所学校的学生。他给学生看了自己第一次独立完成的模具零件——表面粗糙，尺寸还差了两丝。“这个零件我一直留着，提醒自己是从哪里开始的。”",
                ),
                (
                    "学生的问题",
                    "学生的提问很实在：一个月能拿多少钱？要不要考大专？女生能不能做模具？企业导师一一作答，没有回避车间的辛苦，也讲了技术工人的前景。",
                ),
            ],
            "caption": "企业导师向新生展示自己学徒时期的作品",
        },
        {
            "slug": "2025-career-plan-workshop",
            "date": datetime.date(2025, 11, 20),
            "kind": W.TEACHING_RESEARCH,
            "title": "“一人一规划”怎样不流于形式",
            "summary": "工作室教研聚焦学生职业生涯规划书，提出“三问三改”的指导办法。",
            "sections": [
                (
                    None,
                    "每个新生都要在第一学期完成一份三年职业生涯规划书。可不少班主任发现，规划书交上来千篇一律，“成为一名优秀的技术人才”几乎出现在每一份里。",
                ),
                (
                    "三问",
                    "教研中，朱国平老师提出用三个问题帮助学生把规划写实：你最喜欢实训课里的哪一个工序？你认识的人里，谁的工作是你想做的？毕业那年，你希望能独立完成什么？",
                ),
                (
                    "三改",
                    "规划书不是一次写完，而是每学年修改一次，第一年由班主任面谈，第二年由企业导师点评，第三年结合实习岗位再改。教研会决定本学期在十个班试行。",
                ),
            ],
            "caption": "班主任们交流学生规划书中的典型问题",
        },
        {
            "slug": "2026-maker-exhibition",
            "date": datetime.date(2026, 1, 15),
            "kind": W.DEMONSTRATION,
            "title": "第一届“匠心展”：十二个班级项目同台亮相",
            "summary": "学生项目组展示一学期的攻关成果，三项被企业采纳试用。",
            "sections": [
                (
                    None,
                    "一月中旬，首届“匠心展”在学校实训中心举办。十二个班级项目组带着自己的作品和展板，向企业导师、家长和学弟学妹们讲解。",
                ),
                (
                    "来自车间的问题",
                    "这些项目的题目都来自企业：一家企业的装配线上，某个零件总是放错方向；另一家企业的工具柜，工人找扳手要花好几分钟。学生们用一学期时间，做出了防错工装和带灯光提示的工具柜原型。",
                ),
                (
                    "被采纳的成果",
                    "展会当天，三项学生成果被企业当场表示愿意试用。机电2024级1班的项目组长说，最难的不是做东西，而是和组员吵完架还得一起把活干完。",
                ),
            ],
            "caption": "学生项目组向企业导师讲解作品",
            "quote": ("最难的不是做东西，而是吵完架还得一起把活干完。", "机电2024级1班项目组长"),
        },
        {
            "slug": "2026-graduate-visit",
            "date": datetime.date(2026, 10, 22),
            "kind": W.EXPERIENCE_SHARING,
            "title": "毕业生回访：走出校门的第一年",
            "summary": "工作室回访首批跟踪的三十名毕业生，听他们讲第一年的收获与困惑。",
            "sections": [
                (
                    None,
                    "十月，工作室成员分成五组，走访了在十家企业工作的三十名2025届毕业生，这是“毕业生回访制度”建立后的第一次集中回访。",
                ),
                (
                    "收获",
                    "大部分毕业生已经在岗位上站稳了脚跟，有四人已经开始带新学徒。他们说，学校里那份改过三次的规划书，工作后还会拿出来看看。",
                ),
                (
                    "困惑",
                    "也有毕业生坦言，三班倒的作息让人很难坚持学习，想考证、想读夜大都力不从心。工作室决定把这些反馈带回课堂，在二年级增加“工作与学习”的专题班会。",
                ),
            ],
            "caption": "班主任在企业车间回访毕业生",
        },
    ],
    "nanfeng": [
        {
            "slug": "2024-mentorship-ceremony",
            "date": datetime.date(2024, 9, 12),
            "kind": W.OTHER,
            "title": "师徒结对仪式：三对师徒，一份约定",
            "summary": "工作室举行新学年师徒结对仪式，师徒双方共同签下一学年的成长约定。",
            "sections": [
                (
                    None,
                    "新学年开始，南风工作室迎来了六位入职不满三年的青年班主任。在简短的结对仪式上，三位骨干班主任各自认领了两名“徒弟”。",
                ),
                (
                    "一份约定",
                    "不同于以往的拜师帖，这次师徒签下的是一份具体的约定：每月至少互相听一次班会、一起做一次家访；徒弟每周写一篇带班日志，师父每周回复一次。",
                ),
                (
                    "徒弟的期待",
                    "刚接手电商一年级的小黄老师说，她最怕的是开家长会，“希望师父能带我开第一场”。梁慧敏老师笑着答应：“第一场我陪你，第二场你自己来。”",
                ),
            ],
            "caption": "师徒双方签订成长约定",
        },
        {
            "slug": "2025-phone-pact",
            "date": datetime.date(2025, 3, 20),
            "kind": W.CLASS_MEETING,
            "title": "主题班会：我们的班级手机公约",
            "summary": "电商2024级1班用一节班会课，由学生自己讨论制定手机使用公约。",
            "sections": [
                (None, "手机管理是每个中职班主任绕不开的话题。与其由老师定规矩，南风工作室尝试让学生自己来定。"),
                (
                    "吵出来的公约",
                    "班会上，学生分成六组，每组提三条建议。有的组主张“上课手机全部上交”，有的组认为“实训课需要用手机查资料”。争论了二十分钟后，全班投票通过了五条公约，包括“上课手机静音放在桌角”“熄灯后不刷视频”等。",
                ),
                (
                    "执行与调整",
                    "公约由班委轮流监督，每月在班会上回顾一次执行情况。一个月后，班主任发现，学生自己定的规矩，遵守起来反而比老师的规定更自觉。",
                ),
            ],
            "caption": "学生分组讨论并投票表决手机公约",
            "table": [
                ["条款", "赞成", "反对"],
                ["上课手机静音放在桌角", "38", "4"],
                ["实训课经老师允许可查资料", "40", "2"],
                ["熄灯后不刷视频", "31", "11"],
            ],
        },
        {
            "slug": "2025-same-topic-different-designs",
            "date": datetime.date(2025, 10, 30),
            "kind": W.TEACHING_RESEARCH,
            "title": "同课异构：师徒六人上同一主题的班会",
            "summary": "围绕“网络诈骗离我们有多远”，三对师徒设计出六节风格迥异的班会课。",
            "sections": [
                (
                    None,
                    "本学期的同课异构活动，主题是“网络诈骗离我们有多远”。三对师徒各自设计、各自上课，最后一起评课。",
                ),
                (
                    "六种上法",
                    "有的老师用情景剧让学生扮演骗子和受害者，有的请派出所民警连线讲真实案例，还有一位青年老师让学生分析自己手机里收到过的可疑短信，课堂一下子热闹起来。",
                ),
                (
                    "评课收获",
                    "评课时，师父们发现，徒弟们更擅长用学生熟悉的平台和语言；而徒弟们也从师父的课上学到了怎样收得住场、怎样把讨论引回主题。",
                ),
            ],
            "caption": "青年班主任执教同课异构班会",
        },
        {
            "slug": "2026-growth-portfolio",
            "date": datetime.date(2026, 7, 3),
            "kind": W.EXPERIENCE_SHARING,
            "title": "青年班主任成长档案交流会",
            "summary": "两年下来，六位“徒弟”的成长档案厚了，带班也有了自己的样子。",
            "sections": [
                (None, "学期末，工作室把六位青年班主任的成长档案摆到桌上，请他们每人用十分钟讲讲两年里的变化。"),
                (
                    "档案里有什么",
                    "档案里有八十多篇带班日志、师父的批注、家访记录，还有学生写给老师的小纸条。小黄老师翻到自己第一篇日志，念了一句“今天又被学生气哭了”，全场都笑了。",
                ),
                (
                    "从徒弟到师父",
                    "如今，两位青年班主任所带的班级已获评校级优秀班集体。工作室决定，下学年由他们各带一名新入职的班主任，“传帮带”的链条又往下延伸了一环。",
                ),
            ],
            "caption": "青年班主任展示自己的成长档案",
        },
    ],
    "shuxiang": [
        {
            "slug": "2025-night-reading",
            "date": datetime.date(2025, 4, 15),
            "kind": W.READING,
            "title": "湘江夜读：读一本写给年轻人的书",
            "summary": "工作室发起的“湘江夜读”已坚持到第十期，本期共读一本关于职业与人生选择的散文集。",
            "sections": [
                (
                    None,
                    "每周二晚自习的最后二十分钟，是书香工作室成员班级的“湘江夜读”时间。本期选读的是一本关于职业与人生选择的散文集。",
                ),
                (
                    "读什么",
                    "选书是工作室最用心的事。彭湘云老师说，给中职学生选书要避开两种：一种是太深、读不下去的，一种是太浅、读完没有回味的。最好是能让学生在书里看到自己的。",
                ),
                (
                    "读完之后",
                    "一位旅游专业的学生在读书卡上写道：“书里说，认真做好一件小事的人，不会被生活辜负。我想试试把导游词背得比谁都熟。”这张卡片被贴在了班级文化墙上。",
                ),
            ],
            "caption": "学生在晚自习时间安静阅读",
        },
        {
            "slug": "2025-study-methods-meeting",
            "date": datetime.date(2025, 10, 16),
            "kind": W.CLASS_MEETING,
            "title": "主题班会：我的学习方法“诊断书”",
            "summary": "学生互相“会诊”学习方法，班主任把学业指导融进了班会。",
            "sections": [
                (
                    None,
                    "期中考试前，工作室成员刘老师在班里上了一节特别的班会：请每个学生写下自己一天的学习安排，再交给同桌“诊断”。",
                ),
                (
                    "诊断出的问题",
                    "学生们的“诊断书”很直白：“你说在复习，其实一直在抄笔记”“你每科都只看十分钟，等于没看”。被诊断的人哈哈一笑，却也心服口服。",
                ),
                (
                    "开出的方子",
                    "班会后半段，刘老师介绍了几种简单的学习方法，比如把笔记合上后用自己的话复述一遍。学生挑一种在接下来两周试用，期中考试后再回来交流效果。",
                ),
            ],
            "caption": "同桌互相“诊断”学习安排",
        },
        {
            "slug": "2026-culture-wall",
            "date": datetime.date(2026, 4, 23),
            "kind": W.OTHER,
            "title": "世界读书日：“书香班级”文化墙评选",
            "summary": "十六个班的读书文化墙参加评选，学生自己当评委。",
            "sections": [
                (None, "4月23日世界读书日，工作室举办了年度“书香班级”文化墙评选，全校十六个班级报名参加。"),
                (
                    "墙上的风景",
                    "各班的文化墙各有巧思：有的班把读书笔记做成了一棵“书树”，每读完一本就添一片叶子；有的班贴满了学生给书中人物写的信；会计班则做了一张全班一年阅读量的统计图。",
                ),
                (
                    "学生当评委",
                    "这次评选的评委全部由学生担任，每个班派两名代表，按“有没有真的读”“能不能打动人”两条标准打分。最后获奖的三个班级，都不是装饰最漂亮的。",
                ),
            ],
            "caption": "学生评委在班级文化墙前打分",
        },
    ],
    "jiaxiaoqiao": [
        {
            "slug": "2026-online-parent-class",
            "date": datetime.date(2026, 3, 26),
            "kind": W.LECTURE,
            "title": "线上家长课堂第一期：孩子住校后，我们还能做什么",
            "summary": "两百多位家长在线收听，留言区提问不断，课后延长了半小时答疑。",
            "sections": [
                (
                    None,
                    "三月下旬，家校桥工作室的线上家长课堂开讲。第一期的主题，是很多家长最关心的：孩子住校了，家长还能做些什么。",
                ),
                (
                    "家长的担心",
                    "课前征集的问题里，出现最多的是“孩子不爱跟我说话”“只有要生活费才打电话”。曾丽萍老师说，这恰恰说明孩子在长大，家长要学会换一种方式陪伴。",
                ),
                (
                    "几个具体的建议",
                    "课堂上给出了几个简单的办法：固定每周一个时间打电话，先问开心的事；多问“你觉得呢”，少说“你应该”；孩子报喜的时候，别急着提下一个要求。",
                ),
            ],
            "caption": "家长课堂直播现场",
        },
        {
            "slug": "2026-phone-visit-guide",
            "date": datetime.date(2026, 5, 14),
            "kind": W.SEMINAR,
            "title": "专题研讨：电话家访的开头三句话",
            "summary": "工作室梳理电话家访的常见情境，形成一份简明的沟通要点。",
            "sections": [
                (
                    None,
                    "学生来自二十多个区县，很多家长只能通过电话联系。一通电话打得好不好，常常决定了家长接下来是配合还是抵触。",
                ),
                (
                    "开头很重要",
                    "研讨中，大家把各自打过的“最难的一通电话”讲了出来。总结下来，开头三句话最关键：先说孩子的一个优点，再说打电话的原因，最后问家长最近孩子在家有没有什么变化。",
                ),
                (
                    "形成要点",
                    "工作室把讨论结果整理成一页纸的《电话家访沟通要点》，包括不同情境下的开场方式和需要避免的说法，发给全校班主任试用。",
                ),
            ],
            "caption": "成员们复盘电话家访中的真实对话",
        },
        {
            "slug": "2026-open-day",
            "date": datetime.date(2026, 10, 17),
            "kind": W.OTHER,
            "title": "家长开放日：走进孩子的实训室",
            "summary": "一百二十多位家长走进护理实训室，看孩子做一次完整的操作演示。",
            "sections": [
                (None, "十月的家长开放日，工作室把活动地点从会议室搬到了护理实训室。"),
                (
                    "看见孩子的另一面",
                    "学生们穿上护士服，为家长演示铺床、测血压、静脉输液的操作流程。一位从凉山赶来的父亲看着女儿熟练的动作，半天没说话，后来只说了一句：“在家连碗都不洗的。”",
                ),
                (
                    "家长的留言",
                    "活动结束后，家长在留言墙上写下了对孩子的话，也写下了对学校的建议。工作室把这些留言整理成册，作为课题研究的材料。",
                ),
            ],
            "caption": "学生在实训室为家长演示护理操作",
        },
    ],
    "qihang": [
        {
            "slug": "2025-career-exploration-week",
            "date": datetime.date(2025, 10, 10),
            "kind": W.OTHER,
            "title": "大一“职业探索周”：走进港口和物流园",
            "summary": "新生用一周时间走进四家企业，带着问题观察不同岗位的一天。",
            "sections": [
                (
                    None,
                    "国庆假期后，启航工作室组织物流管理、跨境电商专业的大一新生开展“职业探索周”，分批走进港口码头、物流园区和跨境电商企业。",
                ),
                (
                    "带着问题去",
                    "出发前，每个学生领到一张观察卡，要记录一个岗位的工作内容、需要的能力和自己感兴趣的地方。企业班主任在现场带队讲解。",
                ),
                (
                    "回来以后",
                    "探索周结束后，各班用一次班会交流观察卡。有学生说，原来以为物流就是送快递，现在知道还有调度、报关、数据分析这么多岗位，“想去试试调度”。",
                ),
            ],
            "caption": "新生在港口集装箱码头听企业班主任讲解",
        },
        {
            "slug": "2026-maker-camp",
            "date": datetime.date(2026, 4, 28),
            "kind": W.ACADEMIC_SALON,
            "title": "启航创客营：九个项目团队的路演",
            "summary": "大二学生组成的九个创新创业团队完成首轮路演，校内外导师现场点评。",
            "sections": [
                (None, "四月底，第一届“启航创客营”迎来首轮路演。九个学生团队各有八分钟展示、五分钟答辩。"),
                (
                    "项目从哪里来",
                    "这些项目大多来自学生在企业见习时看到的问题：有团队想为小型跨境电商卖家做一套多语言商品描述的模板库，有团队设计了一款帮助货车司机找停车位的小程序。",
                ),
                (
                    "导师的点评",
                    "企业导师的点评很直接：“先别想融资，先想想第一个用户是谁。”孙建华老师则提醒学生，比赛拿不拿奖不是最重要的，重要的是学会和团队一起把一件事从想法做成样子。",
                ),
            ],
            "caption": "学生团队在创客营路演中展示项目",
        },
        {
            "slug": "2026-mock-recruitment",
            "date": datetime.date(2026, 11, 12),
            "kind": W.EXPERIENCE_SHARING,
            "title": "模拟招聘会：企业班主任当面试官",
            "summary": "大三学生经历一次“真刀真枪”的模拟面试，会后每人拿到一份书面反馈。",
            "sections": [
                (
                    None,
                    "秋招季，工作室为大三学生举办了一场模拟招聘会。八家企业的班主任坐上面试官的位置，按真实流程组织简历筛选和面试。",
                ),
                (
                    "反馈很具体",
                    "每位学生面试后都拿到一份书面反馈。有的写着“回答问题前可以先停两秒”，有的写着“简历里的实习经历写得太笼统”。学生说，这比听十场讲座都有用。",
                ),
                (
                    "双导师的合力",
                    "校内班主任负责面试前的简历辅导和心理准备，企业班主任负责提供真实的用人标准。这种分工，正是工作室“双导师”模式想要探索的。",
                ),
            ],
            "caption": "企业班主任担任面试官进行模拟面试",
        },
    ],
    "tongzhou": [
        {
            "slug": "2024-new-teacher-training",
            "date": datetime.date(2024, 8, 28),
            "kind": W.LECTURE,
            "title": "新任班主任岗前培训：三天，十二件事",
            "summary": "开学前，工作室为二十五名新任班主任开展为期三天的岗前培训。",
            "sections": [
                (
                    None,
                    "八月底，学生还没有返校，同舟工作室已经开始忙碌。今年学院新任班主任二十五人，大多是刚入职的专业课教师。",
                ),
                (
                    "十二件事",
                    "培训没有讲大道理，而是列了开学前后必须做好的十二件事：怎样开第一次班会、怎样选临时班委、怎样查宿舍、遇到学生突发疾病打给谁……每件事都配了一位老班主任现场答疑。",
                ),
                (
                    "结对",
                    "培训最后，每位新任班主任都与一名工作室成员结成“同舟小组”，约定开学第一个月每周至少碰头一次。",
                ),
            ],
            "caption": "老班主任为新任班主任讲解开学工作清单",
        },
        {
            "slug": "2025-dormitory-seminar",
            "date": datetime.date(2025, 5, 22),
            "kind": W.SEMINAR,
            "title": "专题研讨：宿舍矛盾怎么化解",
            "summary": "从作息冲突到财物纠纷，工作室梳理宿舍矛盾的常见类型与处理步骤。",
            "sections": [
                (
                    None,
                    "宿舍是大学生活中最容易产生矛盾的地方。本学期工作室收集了成员班级近两年发生的三十多起宿舍矛盾，作为本次研讨的材料。",
                ),
                (
                    "常见的几类",
                    "梳理下来，作息冲突、卫生分工、财物纠纷和小团体排挤是最常见的四类。其中小团体排挤最隐蔽，往往到学生要求调宿舍时，班主任才知道。",
                ),
                (
                    "处理的步骤",
                    "研讨形成了“先分开谈、再一起谈、最后定规矩”的处理步骤，并特别提醒：处理排挤问题时，要保护好主动求助的学生，不要在宿舍里公开调查。",
                ),
            ],
            "caption": "成员们分类整理宿舍矛盾案例",
        },
        {
            "slug": "2025-best-class-meeting",
            "date": datetime.date(2025, 12, 18),
            "kind": W.CLASS_MEETING,
            "title": "优秀班会课评选：新手班主任拿了第一",
            "summary": "十二节参评班会课中，一位入职一年的班主任以“我的大学第一年”夺得一等奖。",
            "sections": [
                (
                    None,
                    "学院第二届优秀班会课评选落下帷幕，十二位班主任参加展示。获得一等奖的，是入职仅一年的机电学院教师张老师。",
                ),
                (
                    "一节朴素的班会",
                    "张老师的班会没有视频和特效，他请学生拿出开学时写给自己的一封信，对照一年来的变化，再给明年的自己写一封。教室里很安静，有学生读着读着就红了眼眶。",
                ),
                ("师父的话", "张老师的“同舟小组”师父李红军老师说，这节课的好，在于张老师真的了解他的学生。"),
            ],
            "caption": "学生在班会上读写给自己的信",
        },
        {
            "slug": "2026-graduation-checklist",
            "date": datetime.date(2026, 6, 5),
            "kind": W.TEACHING_RESEARCH,
            "title": "毕业季工作清单修订",
            "summary": "工作室修订毕业季班主任工作清单，新增离校前心理关怀和未就业学生跟踪两项内容。",
            "sections": [
                (
                    None,
                    "毕业季事务繁杂，离校手续、档案转递、就业签约、毕业生评优交织在一起。工作室在去年清单的基础上进行了修订。",
                ),
                (
                    "新增的两项",
                    "修订后的清单新增两项内容：一是离校前一个月对毕业班学生进行一次心理关怀谈话，尤其关注尚未落实去向的学生；二是建立未就业毕业生跟踪表，离校后半年内每月联系一次。",
                ),
                (
                    "清单的用法",
                    "清单按时间顺序排列，每项都标明了责任人和完成时限。工作室希望，即便是第一次带毕业班的老师，也能照着清单把事情做周全。",
                ),
            ],
            "caption": "修订后的毕业季工作清单",
        },
    ],
    "caiyun": [
        {
            "slug": "2024-torch-festival-meeting",
            "date": datetime.date(2024, 7, 2),
            "kind": W.CLASS_MEETING,
            "title": "七彩班会：火把节里的民族团结故事",
            "summary": "彝族学生当“小讲师”，全班一起了解火把节的由来与习俗。",
            "sections": [
                (None, "火把节前夕，旅游服务2023级2班的“七彩班会”请来了班里的三位彝族同学当“小讲师”。"),
                (
                    "小讲师开讲",
                    "她们带来了家里的彩色头帕和漆器，讲火把节的传说，也讲自己小时候在村里过节的情景。其他民族的同学听得入迷，提问一个接一个。",
                ),
                (
                    "我们的节日",
                    "班会最后，全班约定：每个民族的重要节日，都由这个民族的同学来给大家讲一讲。一学期下来，班里已经“过”了五个不同民族的节日。",
                ),
            ],
            "caption": "彝族学生向同学介绍火把节习俗",
        },
        {
            "slug": "2025-heritage-project",
            "date": datetime.date(2025, 5, 8),
            "kind": W.DEMONSTRATION,
            "title": "非遗小课题展示：一块扎染布里的学问",
            "summary": "混合编组的学生团队完成扎染非遗小课题，并在展示课上现场教学。",
            "sections": [
                (
                    None,
                    "本学期，民族工艺专业的学生以混合编组的方式开展非遗小课题，每组都有不同民族的成员。白族扎染是其中最受欢迎的题目。",
                ),
                (
                    "从调研到动手",
                    "课题组走访了两位扎染传承人，记录了从扎花、浸染到拆线的完整工序，又在实训室反复试验。一位汉族同学说，自己第一次知道，一块布上的花纹背后有这么多讲究。",
                ),
                ("展示课", "展示课上，课题组不只汇报成果，还当起老师，手把手教来听课的其他班学生扎一块小方巾。"),
            ],
            "caption": "学生展示自己完成的扎染作品",
        },
        {
            "slug": "2025-community-volunteers",
            "date": datetime.date(2025, 10, 3),
            "kind": W.OTHER,
            "title": "国庆假期，学生在社区当讲解志愿者",
            "summary": "二十名学生在社区民族文化展馆轮流担任讲解员，接待游客两千余人次。",
            "sections": [
                (None, "国庆假期，工作室组织二十名旅游专业学生，到学校附近社区的民族文化展馆担任讲解志愿者。"),
                (
                    "用所学服务",
                    "讲解词是学生在专业课上自己写的，又经过老师和展馆工作人员几轮修改。七天里，他们轮班接待游客两千余人次，有几名学生还用英语为外国游客讲解。",
                ),
                (
                    "收获",
                    "回到学校后，学生在班会上分享了这次经历。一位学生说：“以前觉得讲解就是背稿子，这次才知道，要让别人听懂、听进去，得先自己真的懂。”",
                ),
            ],
            "caption": "学生在民族文化展馆为游客讲解",
        },
    ],
    "shancheng": [
        {
            "slug": "2025-night-talk-launch",
            "date": datetime.date(2025, 4, 1),
            "kind": W.EMOTION_SALON,
            "title": "“夜聊”线上陪伴上线",
            "summary": "每周二、周四晚九点至十一点，经过培训的朋辈志愿者在线陪同学聊天。",
            "sections": [
                (
                    None,
                    "不少学生的烦恼是在深夜冒出来的，而这时老师们大多已经下班。山城工作室的“夜聊”线上陪伴，就是为这个时段准备的。",
                ),
                (
                    "谁在线上",
                    "二十名朋辈志愿者都经过了十六学时的培训，学习倾听技巧，也学习识别需要转介的信号。每次值班都有一名专业老师在后台待命。",
                ),
                (
                    "聊些什么",
                    "上线第一个月，“夜聊”接待了一百多次对话，话题从考试焦虑、失恋到和室友闹别扭。其中有三次情况被及时转介给学校心理中心。",
                ),
            ],
            "caption": "朋辈志愿者值班前的准备会",
        },
        {
            "slug": "2025-psych-committee-training",
            "date": datetime.date(2025, 10, 21),
            "kind": W.LECTURE,
            "title": "心理委员培训：做同学身边的“第一发现人”",
            "summary": "一百二十名班级心理委员参加八学时培训，重点学习识别与转介。",
            "sections": [
                (None, "新学期，工作室为全院一百二十名班级心理委员开展了八学时的系统培训。"),
                (
                    "不当“小咨询师”",
                    "谭晓峰老师在开班时说，心理委员不是小咨询师，不需要替同学解决问题，最重要的是做同学身边的“第一发现人”：注意到异常，愿意靠近，知道该找谁。",
                ),
                (
                    "案例练习",
                    "培训采用大量案例练习。学员分析了几段真实改编的聊天记录，判断哪些只是普通的情绪低落，哪些需要尽快告诉班主任。",
                ),
            ],
            "caption": "心理委员分组进行案例练习",
        },
        {
            "slug": "2026-online-works",
            "date": datetime.date(2026, 3, 24),
            "kind": W.RESOURCE_LIBRARY,
            "title": "心理健康微课与网络文明作品入库",
            "summary": "工作室资源库新增心理健康微课十五节、学生网络文明作品三十件。",
            "sections": [
                (None, "工作室资源库完成了新一轮更新，新增心理健康微课十五节和学生网络文明作品三十件。"),
                (
                    "微课",
                    "微课由工作室成员和心理中心老师共同录制，主题包括睡眠、拖延、人际边界等，每节十分钟左右，方便班主任在班会上直接使用。",
                ),
                (
                    "学生作品",
                    "学生作品包括漫画、短视频和海报，都来自上学期的网络文明主题征集。入库前，每件作品都经过作者同意，并标注了作者和班级。",
                ),
            ],
            "caption": "学生创作的网络文明主题海报",
        },
    ],
    "xishan": [
        {
            "slug": "2026-course-trial",
            "date": datetime.date(2026, 4, 16),
            "kind": W.TEACHING_RESEARCH,
            "title": "新任班主任课程第一模块试讲",
            "summary": "“班级常规怎么立”模块完成试讲，六位成员提出二十多条修改意见。",
            "sections": [
                (None, "西山工作室计划开发的“班级管理与家校沟通”课程，第一模块“班级常规怎么立”完成了首次试讲。"),
                (
                    "试讲的内容",
                    "试讲由高文娟老师主讲，讲了开学第一周立规矩的三个原则：少而清楚、说到做到、先立后松。每个原则都配了一个本校的真实案例。",
                ),
                (
                    "修改意见",
                    "试讲后，成员们提出了二十多条意见，最集中的一条是：案例要更“新”，要有这两年学生的样子。课程组决定补充三个近期案例后再试讲一次。",
                ),
            ],
            "caption": "成员们听取课程试讲并记录修改意见",
        },
        {
            "slug": "2026-parent-school",
            "date": datetime.date(2026, 9, 17),
            "kind": W.LECTURE,
            "title": "家长学校第一讲：青春期的孩子在想什么",
            "summary": "新生家长学校开讲，一百五十位家长到场。",
            "sections": [
                (None, "九月中旬，西山工作室承办了本学年新生家长学校的第一讲，一百五十位家长来到学校礼堂。"),
                (
                    "孩子在想什么",
                    "讲座中，工作室成员分享了一份匿名问卷的结果：新生最希望父母做到的事，排在第一位的是“别拿我和别人比”。不少家长看到这一条时，都沉默了。",
                ),
                (
                    "家长的提问",
                    "讲座后的互动环节，家长们的问题很多，从手机管理到专业选择。工作室把这些问题整理下来，作为后续几讲的主题。",
                ),
            ],
            "caption": "家长学校讲座现场",
        },
    ],
}


# --- loading ---------------------------------------------------------------------------


def rich(paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def update_body(studio, data, image):
    """The update's StreamField content as raw block data (paragraphs, headings, image, quote, table)."""
    blocks = []
    sections = data["sections"]
    for i, (heading, text) in enumerate(sections):
        if heading:
            blocks.append({"type": "heading", "value": {"text": heading, "size": "h2"}})
        blocks.append({"type": "paragraph", "value": f"<p>{text}</p>"})
        if i == 0:
            blocks.append(
                {
                    "type": "image",
                    "value": {
                        "image": {"image": image.pk, "decorative": False, "alt_text": data["caption"]},
                        "caption": data["caption"],
                    },
                }
            )
    if data.get("table"):
        blocks.append(
            {
                "type": "table",
                "value": {
                    "data": data["table"],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "",
                },
            }
        )
    if data.get("quote"):
        text, attribution = data["quote"]
        blocks.append({"type": "quote", "value": {"text": text, "attribution": attribution}})
    return json.dumps(blocks, ensure_ascii=False)


def _publish(page):
    page.save_revision().publish()


def ensure_studio(index, data):
    """Create the studio with its images if its slug is not taken yet; return ``(studio, created)``."""
    from home.models import Direction as DirectionRow
    from studios.models import StudioMember, StudioPage

    existing = StudioPage.objects.child_of(index).filter(slug=data["slug"]).first()
    if existing is not None:
        return existing, False

    title = data["title"]
    fields = {
        key: data[key]
        for key in (
            "title",
            "slug",
            "school",
            "school_type",
            "province",
            "city",
            "level",
            "status",
            "cycle_start_year",
            "cycle_years",
            "construction_model",
            "host_name",
            "host_title",
            "host_years",
            "host_honours",
            "carriers_note",
            "wechat_account",
            "video_account",
        )
    }
    studio = StudioPage(
        **fields,
        introduction=rich(data["introduction"]),
        philosophy=rich(data["philosophy"]),
        work_carriers=[str(value) for value in data["work_carriers"]],
        search_description=data["introduction"][0][:150],
        live=True,
    )
    studio.directions = list(DirectionRow.objects.filter(code__in=data["directions"]))
    # In the listed order (副主持人 first): sort_order is set by the admin's inline panel and
    # the importer, not by assigning the list; left empty, PostgreSQL returns any order.
    studio.members = [StudioMember(**member, sort_order=i) for i, member in enumerate(demo_members(data))]
    index.add_child(instance=studio)
    # The studio's pictures go into its own collection (made with the studio), where its
    # editors find them in the image chooser.
    studio.host_photo = wagtail_image(
        f"{title}·主持人{data['host_name']}",
        lambda: portrait(data["host_name"], seed=data["slug"]),
        filename=f"demo-{data['slug']}-host.jpg",
        collection=studio.space.collection,
    )
    studio.wechat_qr = wagtail_image(
        f"{title}·公众号二维码（示意）",
        lambda: qr_like(data["wechat_account"]),
        filename=f"demo-{data['slug']}-qr.png",
        collection=studio.space.collection,
    )
    _publish(studio)
    return studio, True


def ensure_update(studio, data, collection):
    from studios.models import StudioUpdateGalleryImage, StudioUpdatePage

    if StudioUpdatePage.objects.child_of(studio).filter(slug=data["slug"]).exists():
        return False
    subtitle = f"{studio.title} · {data['date'].year}年{data['date'].month}月"
    prefix = f"{studio.title}·{data['title']}"
    cover = wagtail_image(
        f"{prefix}·封面",
        lambda: banner(data["title"], seed=prefix, subtitle=subtitle),
        filename=f"demo-{studio.slug}-{data['slug']}-cover.jpg",
        collection=collection,
    )
    photo = wagtail_image(
        f"{prefix}·{data['caption']}",
        lambda: banner(data["caption"], seed=prefix + "photo", size=(960, 640)),
        filename=f"demo-{studio.slug}-{data['slug']}-photo.jpg",
        collection=collection,
    )
    update = StudioUpdatePage(
        title=data["title"],
        slug=data["slug"],
        date=data["date"],
        activity_kind=str(data["kind"]),
        summary=data["summary"],
        cover=cover,
        body=update_body(studio, data, photo),
        search_description=data["summary"],
        live=True,
    )
    # A gallery on about half of the updates (those of even months): two more scenes.
    if len(data["sections"]) > 1 and data["date"].month % 2 == 0:
        captions = [section[0] for section in data["sections"][1:] if section[0]][:2]
        update.gallery_images = [
            StudioUpdateGalleryImage(
                image=wagtail_image(
                    f"{prefix}·图集{i}",
                    lambda caption=caption, i=i: banner(caption, seed=f"{prefix}gallery{i}", size=(800, 600)),
                    filename=f"demo-{studio.slug}-{data['slug']}-gallery{i}.jpg",
                    collection=collection,
                ),
                caption=caption,
                sort_order=i - 1,
            )
            for i, caption in enumerate(captions, start=1)
        ]
    studio.add_child(instance=update)
    _publish(update)
    return True


def feature_studios(home):
    """Point the home page's 推荐工作室 at the demo's featured studios, unless an editor already chose."""
    from studios.models import StudioPage

    home = home.specific
    if home.featured_studios.exists():
        return False
    by_slug = {studio.slug: studio for studio in StudioPage.objects.filter(slug__in=FEATURED)}
    home.featured_studios = [by_slug[slug] for slug in FEATURED if slug in by_slug]
    _publish(home)
    return True


@transaction.atomic
def demo_studios():
    """The live studio profiles other demo modules spread their cases and resources over, in tree
    order. Studios established by a selection round (``selection``: 立项 links the application)
    are left out, so that the selection demo's studios do not reshuffle them on the next run."""
    from studios.models import StudioPage

    return StudioPage.objects.live().filter(application__isnull=True).order_by("path")


def load(stdout):
    """Create the demo studios, their updates and the home page's featured studios (idempotent)."""
    from home.structure import ensure_site_structure
    from studios.models import StudioIndexPage

    home = ensure_site_structure()
    index = StudioIndexPage.objects.get()
    created_studios = created_updates = 0
    for data in STUDIOS:
        studio, created = ensure_studio(index, data)
        created_studios += created
        for update in UPDATES.get(data["slug"], []):
            created_updates += ensure_update(studio, update, studio.space.collection)
    feature_studios(home)
    stdout.write(
        f"工作室演示数据：新建工作室 {created_studios} 个、工作动态 {created_updates} 条"
        f"（共 {len(STUDIOS)} 个工作室、{sum(len(items) for items in UPDATES.values())} 条动态）。"
    )
