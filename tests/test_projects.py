import pytest

from kg.projects import find_projects, is_project_name, is_site_in_use

POSITIVE = [
    ("温岭市南排工程(一期)进展顺利", "南排工程(一期)"),
    ("推进甬台温高速公路改扩建工程建设", "甬台温高速公路改扩建工程"),
    ("36天完成台州市域铁路S2线沿江段征迁", "台州市域铁路S2线"),
    ("这正是“善治永宁”元治理平台其中一个场景", "“善治永宁”元治理平台"),
    ("询问中国日用品商城二期项目的进展", "中国日用品商城二期项目"),
    ("落户台州湾新材料产业园", "台州湾新材料产业园"),
    ("搭载芯片的浙东南算力中心一期工程已通过竣工验收", "浙东南算力中心一期工程"),
    ("苍南经济开发区搭建贴心服务平台", "苍南经济开发区"),
    ("台州综保区即将封关验收", "台州综保区"),
    ("搭乘中欧班列(义乌)从义乌西站发往马德里", "中欧班列(义乌)"),
    ("讨论商城二期项目推进及深化市场采购", "商城二期项目"),
    ("总部基地、双马塑业年产10万箱塑料制品项目即将建成投产", "双马塑业年产10万箱塑料制品项目"),
    ("持续推进,浙江“蓝色循环”海洋塑料废弃物治理项目荣获大奖", "浙江“蓝色循环”海洋塑料废弃物治理项目"),
    ("在白水村建立了“乡贤创业孵化基地”,为乡贤创业提供场地", "乡贤创业孵化基地"),
    ("沿海公路浙江·宁波滨海公路连起了三门湾", "浙江·宁波滨海公路"),
    ("新建的东海机械年组装机5万台电机技改项目正式投产", "东海机械年组装机5万台电机技改项目"),
    ("市民可通过“爱台州”APP预约", "爱台州"),
    ("2023年甬台温高速公路改扩建工程建成通车", "甬台温高速公路改扩建工程"),
    ("小区距离京石高速长阳出口约3公里", "京石高速"),
    ("去年开工的微宏动力二期项目总投资3亿元", "微宏动力二期项目"),
    ("加快推进03省道义桥至楼塔段改扩建工程", "03省道义桥至楼塔段改扩建工程"),
    ("而湖州太湖旅游度假区则亮出了王牌", "湖州太湖旅游度假区"),
]
NEGATIVE = [
    "取消３６项建设项目收费",
    "新建的5条公路把村子连起来",
    "建立26.7公顷蔬菜基地",
    "杭州市建设工程质监总站副主任",
    "台州市路桥建设工程有限公司承建",
    "推进PPP项目落地",
    "此次赛事新增了Dota项目",
    "市民可通过“爱台州”窗口预约",
    "深化新时代“千万工程”，确保",
    "三个 一号工程 持续突破",
    "建设好高能级科创平台和高水平大学",
    "召开南排工程北向工程推进会",
    "印发《台州市重大项目管理办法》",
    "市镇两级重点项目",
    "西起吉利大道，东至机场",
    "持续推进“乡贤带富”项目落地",
    "推进城市更新、老旧小区改造等项目",
    "实施“千万工程”、“五水共治”等重大工程",
    "教育、医疗、养老等民生项目",
    "是中杭水泵股份有限公司产业转型升级项目，主要",
    "开通货运班列(每周)两列",
    "萧山9大项目集中开工",
    "被列为绍兴市十大系列工程之一",
    "安排城市基础项目3项",
    "计划总投资226.7亿元；7个新开工项目，计划总投资154.8亿元",
    "温州高铁新城第二幼儿园、区朝霞幼儿园",
    "在工程车队的鸣笛声中，台州市副市长、台州湾新区管委会主任管文新宣布台州湾通用机场等12个项目开工",
    "站位于浙江省温岭市,站场规模为2台4线,站房总建筑面积约1.6万平方米",  # platforms and tracks
    # a quoted sentence before a head is no quoted name
    "他说：“园区实施‘三废’集中处理,降低企业运营成本,并为入园企业提供电镀液分析等增值服务。”产业园负责人表示",
]


@pytest.mark.parametrize("text, name", POSITIVE)
def test_finds_named_projects(text, name):
    assert [text[s:e] for s, e in find_projects(text)] == [name]


@pytest.mark.parametrize("text", NEGATIVE)
def test_campaigns_meetings_documents_and_generic_phrases_are_not_projects(text):
    assert [text[s:e] for s, e in find_projects(text)] == []


def test_items_of_a_list_closed_by_deng_xiangmu_are_projects_when_they_look_like_names():
    text = "在商海街北延、双水路西延、桐桥桥及龙栖路北延等项目现场，市域铁路S2线、甬台温高速改扩建等项目开工"
    assert [text[s:e] for s, e in find_projects(text)] == [
        "商海街北延", "双水路西延", "桐桥桥", "龙栖路北延", "市域铁路S2线", "甬台温高速改扩建"]


def test_a_division_starting_a_listed_item_and_the_writers_own_place_are_not_part_of_the_name():
    text = "委员们察看了奶水牛液态奶加工厂、灵溪镇平水桥安置小区、苍南仪表集团科技园等项目。今年我区蓝色海湾整治项目入围"
    assert [text[s:e] for s, e in find_projects(text)] == [
        "奶水牛液态奶加工厂", "平水桥安置小区", "苍南仪表集团科技园", "蓝色海湾整治项目"]


def test_items_of_a_counted_list_of_projects_are_projects_when_they_hold_a_proper_word():
    text = "云帆(华创科技园)、金卡二供、金卡光储等5个项目参加签约；签约了智能制造、生物医药等3个项目"
    assert [text[s:e] for s, e in find_projects(text)] == ["云帆(华创科技园)", "金卡二供", "金卡光储"]


def test_two_projects_joined_by_he_are_two_names():
    text = "规划中的杭新景高速公路和九景衢铁路将经过全村"
    assert [text[s:e] for s, e in find_projects(text)] == ["杭新景高速公路", "九景衢铁路"]


def test_a_school_or_hospital_named_before_xiangmu_is_a_building_project():
    text = "金职院附属医院(海棠医院)项目开工，台州市电力检修配中心项目动工，市工商联项目部"
    orgs = [(0, 7), (18, 28), (38, 42)]  # as the NER finds them
    assert [text[s:e] for s, e in find_projects(text, orgs=orgs)] == ["金职院附属医院(海棠医院)项目", "电力检修配中心项目"]


def test_a_project_named_by_its_yearly_output_is_found_with_the_firm_before_it():
    text = ("一块用于建设年产3000吨预浓缩色母粒项目，科丰电子公司年产4000万套汽车传感器智能生产线项目开工；"
            "慈溪年产100万套新能源汽车零部件数字化车间、年产3000万套高精密汽车转向器轴承生产线等项目。"
            "投产后年产值可达5亿元，年产10万吨催化新材料的润和催化剂项目")
    orgs = [(22, 28)]  # 科丰电子公司, as the NER finds it
    assert [text[s:e] for s, e in find_projects(text, orgs=orgs, plain_heads=False)] == [
        "年产3000吨预浓缩色母粒项目", "科丰电子公司年产4000万套汽车传感器智能生产线项目", "年产100万套新能源汽车零部件数字化车间"]
    text = "引进年产5000吨新材料项目，将建成年产6万辆纯电动物流车生产线"  # a line alone is what a plant will have
    assert [text[s:e] for s, e in find_projects(text, plain_heads=False)] == ["年产5000吨新材料项目"]
    text = "在宁波舜宇红外技术公司年新增100万套红外测温镜头生产项目现场"  # the output a plant adds names it too
    assert [text[s:e] for s, e in find_projects(text, plain_heads=False)] == ["年新增100万套红外测温镜头生产项目"]


@pytest.mark.parametrize("text,name,kept", [
    ("加快台州湾新材料产业园建设", "台州湾新材料产业园", True),
    ("黄岩智能模具小镇位于新前街道", "黄岩智能模具小镇", True),
    ("效解决一批影响平安台州建设的问题", "平安台州", False),  # a campaign: no project ends so
    ("正在实施中的世纪丘围涂工程是市重点建设工程", "世纪丘围涂工程", True),
    ("万里扬集团公司衢州项目负责人", "衢州项目", False),  # a place and the head: no name
    ("其中,安居项目4项", "安居项目", False),  # a dictionary word and the head
    ("我们一期项目建设共505亩土地", "一期项目", False),
    ("总投资100亿元健康产业大项目签约落户", "100亿元健康产业大项目", False),  # named by its sum
    ("萧山9大项目集中开工", "萧山9大项目", False),  # a group named by its count
    ("明筑新材料、祥和实业新项目以及", "明筑新材料、祥和实业新项目", False),  # a list
    ("深化新时代“千万工程”，确保", "千万工程", False),  # a campaign alone in quotes
    ("拱墅区在“山海协作工程”中给予的资金", "山海协作工程", False),
    ("义乌与吉利控股集团正式签约,“吉利集团·义乌发动机项目”落户赤岸", "吉利集团·义乌发动机项目", True),  # a name
    ("召开南排工程推进会", "南排工程", False),  # a meeting
    ("西起吉利大道、东至机场北路,全长3400米", "东至机场北路", False),
    ("印发《台州湾新区产业平台建设方案》", "台州湾新区产业平台", False),  # a document's title
    ("台州首条城市轨道交通线路——市域铁路S1线开通", "台州首条城市轨道交通线路——市域铁路S1线", False),  # a dash
    ("瓯江口三项目今天开工", "瓯江口三项目", False),  # three projects
    ("主动服务全程代办 柯城一批亿元项目开建", "柯城一批亿元项目", False),  # a batch of them
    ("桥梁专家、重庆交通大学土木工程学院院长", "重庆交通大学土木工程", False),  # a school's department
    ("覆盖了高端装备、现代旅游等50大招商项目", "50大招商项目", False),  # counted
    ("同一天,乐清一季度项目“双招双引”成绩单发布", "乐清一季度项目", False),  # named by its quarter
    ("全面掀起新一轮大抓项目、抓大项目的热潮", "新一轮大抓项目", False),
    ("建德经济开发区负责人表示", "建德经济开发区", True),  # a zone's head names the zone too
    ("是“五纵七横四连一环”干线公路网络的一部分", "“五纵七横四连一环”干线公路", False),  # a plan's shorthand
    ("持续推进工业“一区三园”平台配套", "工业“一区三园”平台", False),
    ("落户浙江“千人计划”余姚产业园", "浙江“千人计划”余姚产业园", True),  # with places besides
    ("义乌市将小微企业园建设作为推动经济高质量发展的重要抓手", "小微企业园", False),  # a kind of works
    ("该市因此拥有“国家新型工业化示范基地”称号", "国家新型工业化示范基地", False),  # a title
    ("打造台州湾科创走廊核心腹地", "台州湾科创走廊", True),  # a head of its own: …走廊
    ("记者沿着姚江历史文化长廊,领略一路好风光", "姚江历史文化长廊", False),  # a walk
])
def test_a_project_a_model_tagged_passes_the_vetoes_of_the_rules(text, name, kept):
    start = text.index(name)
    assert is_project_name(text, start, start + len(name)) is kept


@pytest.mark.parametrize("text,name,in_use", [
    ("路院一级公路是我区东西向的重要通道", "路院一级公路", True),
    ("鳌江五桥今年开工建设", "鳌江五桥", False),  # being built: a project
    ("杭州西站枢纽加快推进", "杭州西站", False),
    ("台州湾新材料产业园企业集聚", "台州湾新材料产业园", False),  # not a site word: left to the vetoes
    ("健跳港区的开发建设迎来了历史性的机遇", "健跳港区", True),  # a port area is a place, even being built
    ("该工程起点位于路桥区白沙交通码头", "白沙交通码头", True),
    ("梅山保税港区加快建设", "梅山保税港区", False),  # a bonded zone
    ("阳光小区改造提升正在推进", "阳光小区", True),  # a housing estate; its works are …小区改造
    ("秀山大桥建成通车,岱山本岛与秀山岛相连", "秀山大桥", True),  # a bridge reported open
    ("沿海公路浙江·台州1号公路建成通车", "浙江·台州1号公路", False),  # a road is not: opening a road is news of the works
    ("又能在台州站与杭台高铁、市域铁路S1线换乘", "市域铁路S1线", True),  # a line in use
    ("市域铁路S2线与S1线串联起来", "S1线", True),  # a line in use
    ("市域铁路S2线项目先行段正式开工", "市域铁路S2线", False),  # a line being built: a project
])
def test_a_road_or_station_is_a_place_in_use_unless_its_sentence_speaks_of_building_it(text, name, in_use):
    start = text.index(name)
    assert is_site_in_use(text, start, start + len(name)) is in_use


def test_a_city_line_is_part_of_the_name_but_a_bracketed_division_saying_where_is_not():
    text = "中欧班列(台州)开行一周年，莫干山国际旅游度假区(莫干山镇)加快建设。"
    assert [text[s:e] for s, e in find_projects(text)] == ["中欧班列(台州)", "莫干山国际旅游度假区"]


def test_without_plain_heads_only_names_the_text_marks_are_found():
    text = "温岭市南排工程(一期)进展顺利，“善治永宁”元治理平台上线，台州湾新材料产业园和台州市域铁路S2线开工。"
    assert [text[s:e] for s, e in find_projects(text, plain_heads=False)] == [
        "南排工程(一期)", "“善治永宁”元治理平台", "台州市域铁路S2线"]
