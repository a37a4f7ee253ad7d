"""The project's own Spanish and Arabic translations of the demo content.

These are translations, made for this project, of a few pages of the demo
content in ``content.py`` (the home page, the about page, the statements
index and the statement "trump-executive-orders"). They say what the English
says and no more; the alliance's own translators may revise them. Each
translated page is marked as such by its ``note``.

Names of people and organizations stay in Latin script (the Arabic text
writes Donald Trump as دونالد ترامب). Numbers and dates are the same as in
the English. ``body`` values use the same block structure as ``content.py``:
``("heading", "Plain text")``, ``("paragraph", "<p>HTML</p>")`` and
``("quote", {"text": "...", "person": "<key into PEOPLE>"})``; the text of
a quote block is a translation of the quoted words.

The module is plain Python data with no Django imports: a data table, exempt
from the 500-line limit on modules (``alliance/tests/test_sizes.py``).
"""

TRANSLATIONS = {
    "es": {
        "note": (
            "Esta página es una traducción realizada por el proyecto; los "
            "traductores de la propia alianza pueden revisarla."
        ),
        "home": {
            "title": "Alianza Internacional de Migrantes",
            "intro": (
                "La Alianza Internacional de Migrantes (IMA) es una alianza "
                "mundial de organizaciones de base de migrantes, refugiados y "
                "personas desplazadas, fundada en junio de 2008 y dirigida "
                "desde un Secretariado Internacional en Hong Kong. "
                "Trabaja para que se escuche la voz de los migrantes de base "
                "sobre los temas que determinan sus vidas y las de sus "
                "familias."
            ),
        },
        "about": {
            "title": "Acerca de la alianza",
            "intro": (
                "La IMA reúne a organizaciones de base de migrantes, "
                "refugiados y personas desplazadas de muchos países. Fue "
                "fundada en junio de 2008 y tiene su Secretariado "
                "Internacional en Hong Kong."
            ),
            "body": [
                ("heading", "Asamblea fundacional"),
                (
                    "paragraph",
                    "<p>La alianza fue creada en junio de 2008 por 108 "
                    "organizaciones fundadoras de 25 países, en su mayoría "
                    "grupos de base de migrantes. Otras 32 ONG e "
                    "instituciones que atienden a migrantes también "
                    "participaron en la asamblea fundacional.</p>",
                ),
                ("heading", "Quiénes somos"),
                (
                    "paragraph",
                    "<p>La IMA es una amplia alianza internacional de "
                    "organizaciones de migrantes, refugiados y personas "
                    "desplazadas de muchas nacionalidades, que se definen a "
                    "sí mismas como progresistas y antiimperialistas. Se "
                    "considera la primera alianza mundial de su tipo: una "
                    "alianza formada por las propias organizaciones de base "
                    "de migrantes, refugiados y personas desplazadas.</p>"
                    "<p>Sus miembros están unidos en torno a dos documentos "
                    "fundacionales: la <strong>Base de Unidad</strong> y el "
                    "<strong>Programa General de Acción</strong>.</p>",
                ),
                ("heading", "Dónde trabaja la alianza"),
                (
                    "paragraph",
                    "<p>La IMA tiene hoy presencia en casi todas las grandes "
                    "regiones del mundo, como se indica a continuación. Su "
                    "Secretariado Internacional está en Hong Kong.</p>",
                ),
                ("heading", "Qué hace la alianza"),
                (
                    "paragraph",
                    "<p>La IMA se propone fortalecer la voz de los migrantes "
                    "de base y hacerla presente en los temas que los afectan "
                    "a ellos y a sus familias. Estos temas van desde las "
                    "remesas hasta los derechos y el bienestar de los "
                    "migrantes y el fin de la migración laboral forzada.</p>"
                    "<p>En cada uno de estos temas, la alianza ofrece su "
                    "propio análisis, basado en la experiencia de los "
                    "migrantes de base. Cuestiona la forma en que se gobierna "
                    "hoy la migración, incluidos organismos como el Foro "
                    "Mundial sobre Migración y Desarrollo (GFMD), y propone "
                    "en cambio un enfoque más transformador de la migración y "
                    "el desarrollo, basado en los derechos humanos.</p>",
                ),
            ],
        },
        "statements_index": {
            "title": "Declaraciones",
            "intro": (
                "Declaraciones, comunicados de prensa y declaraciones conjuntas de la alianza."
            ),
        },
        "statement": {
            "slug": "trump-executive-orders",
            "title": (
                "Las órdenes ejecutivas de Trump son racistas, antimigrantes y antirrefugiados"
            ),
            "deck": "¿Un paso hacia un Estados Unidos más xenófobo?",
            "summary": (
                "La IMA condenó las órdenes migratorias que el presidente "
                "Donald Trump firmó en su primera semana en el cargo, entre "
                "ellas la suspensión por cuatro meses del programa de "
                "refugiados de Estados Unidos. La presidenta Eni Lestari "
                "afirmó que las órdenes alimentan el racismo y ponen en "
                "riesgo a los estadounidenses musulmanes y a otras personas "
                "de color."
            ),
            "body": [
                (
                    "paragraph",
                    "<p>La Alianza Internacional de Migrantes ha criticado "
                    "las órdenes ejecutivas que el presidente de Estados "
                    "Unidos, Donald Trump, firmó en su primera semana en el "
                    "cargo para restringir aún más la inmigración, y "
                    "preguntó si Estados Unidos se está volviendo más "
                    "xenófobo.</p>",
                ),
                ("heading", "Qué disponen las órdenes"),
                (
                    "paragraph",
                    "<p>Trump ordenó suspender durante cuatro meses el "
                    "programa de refugiados de Estados Unidos. Los "
                    "solicitantes de asilo y los refugiados de siete países "
                    "de mayoría musulmana enfrentan ahora procedimientos más "
                    "estrictos que limitan su entrada. El objetivo declarado "
                    "de Trump, en las palabras que citó la alianza, era "
                    "mantener a los “terroristas islámicos radicales” fuera "
                    "de Estados Unidos. La alianza señaló que los cristianos "
                    "quedan exentos.</p>"
                    "<p>Antes, esa misma semana, Trump había ordenado "
                    "construir sin demora un muro a lo largo de la frontera "
                    "entre Estados Unidos y México.</p>",
                ),
                ("heading", "Las preocupaciones de la alianza"),
                (
                    "paragraph",
                    "<p>Según la presidenta de la IMA, Eni Lestari, las "
                    "órdenes y las declaraciones públicas del presidente no "
                    "hacen más que alimentar la hostilidad hacia el islam, "
                    "el odio racial, la exclusión y la intolerancia que, "
                    "según dijo, se están extendiendo rápidamente por todo "
                    "Estados Unidos.</p>",
                ),
                (
                    "quote",
                    {
                        "text": (
                            "Al aludir a quienes creen en el islam como "
                            "posibles terroristas, Trump justifica el racismo "
                            "y sus acciones que fomentan más conflicto y "
                            "división raciales."
                        ),
                        "person": "lestari",
                    },
                ),
                (
                    "paragraph",
                    "<p>Lestari comparó su enfoque con la consigna “con "
                    "nosotros o contra nosotros” de la presidencia de George "
                    "W. Bush, una presidencia que, según dijo, se conoció "
                    "por la invasión de Irak.</p>"
                    "<p>Calificó de trágico que Estados Unidos, un país de "
                    "migrantes y refugiados, y el país donde en 2016 los "
                    "Estados, las organizaciones populares y otras partes "
                    "interesadas acordaron el pacto mundial para los "
                    "migrantes y refugiados, tenga un presidente que "
                    "promueve el racismo y la discriminación en lugar de la "
                    "solidaridad y la unidad.</p>"
                    "<p>La IMA expresó su urgente preocupación por la "
                    "seguridad y la protección de los estadounidenses "
                    "musulmanes y de otras personas de color que viven en el "
                    "país. Lestari advirtió que las declaraciones del "
                    "presidente podrían fomentar ataques contra los "
                    "estadounidenses musulmanes y contra muchas otras "
                    "personas que encajan en el mismo perfil racial. Añadió "
                    "que también podrían dar lugar a acciones más duras por "
                    "parte del Estado, incluidas detenciones de inmigrantes, "
                    "medidas represivas y deportaciones.</p>",
                ),
                ("heading", "Solidaridad y protesta"),
                (
                    "paragraph",
                    "<p>La alianza expresó su solidaridad con sus "
                    "organizaciones miembro en Estados Unidos y con los "
                    "numerosos grupos y personas que participaron en la "
                    "Marcha de las Mujeres y se opusieron a las políticas y "
                    "declaraciones antimigrantes del presidente.</p>",
                ),
                (
                    "quote",
                    {
                        "text": (
                            "Con sus políticas y órdenes, la presidencia de "
                            "Trump representa una amenaza para la "
                            "solidaridad, el entendimiento racial y la "
                            "justicia que muchos de nosotros defendemos y "
                            "promovemos. No permitiremos que esto suceda."
                        ),
                        "person": "lestari",
                    },
                ),
                (
                    "paragraph",
                    "<p>Lestari afirmó que la IMA movilizaría a sus "
                    "organizaciones miembro en Estados Unidos y en todo el "
                    "mundo para protestar contra esa política, a la que "
                    "calificó como la política más odiada de un presidente "
                    "al que describió como racista y misógino.</p>",
                ),
            ],
            "signature": ("Eni Lestari\nPresidenta, Alianza Internacional de Migrantes"),
        },
    },
    "ar": {
        "note": ("هذه الصفحة ترجمة أعدّها المشروع، وقد يراجعها مترجمو التحالف أنفسهم."),
        "home": {
            "title": "التحالف الدولي للمهاجرين",
            "intro": (
                "التحالف الدولي للمهاجرين (IMA) تحالف عالمي لمنظمات القاعدة "
                "الشعبية من المهاجرين واللاجئين والنازحين، تأسس في "
                "يونيو/حزيران 2008 ويُدار من أمانة دولية في هونغ كونغ. "
                "ويعمل على إسماع صوت المهاجرين من القاعدة الشعبية في "
                "القضايا التي تشكّل حياتهم وحياة أسرهم."
            ),
        },
        "about": {
            "title": "عن التحالف",
            "intro": (
                "يجمع تحالف IMA منظمات القاعدة الشعبية من المهاجرين "
                "واللاجئين والنازحين من بلدان كثيرة. وقد تأسس في "
                "يونيو/حزيران 2008، وتقع أمانته الدولية في هونغ كونغ."
            ),
            "body": [
                ("heading", "الجمعية التأسيسية"),
                (
                    "paragraph",
                    "<p>أُنشئ التحالف في يونيو/حزيران 2008 على يد 108 "
                    "منظمات مؤسِّسة من 25 بلدًا، معظمها مجموعات من "
                    "المهاجرين في القاعدة الشعبية. وشاركت في الجمعية "
                    "التأسيسية أيضًا 32 منظمة غير حكومية ومؤسسة أخرى تخدم "
                    "المهاجرين.</p>",
                ),
                ("heading", "من نحن"),
                (
                    "paragraph",
                    "<p>تحالف IMA تحالف دولي واسع يضم منظمات للمهاجرين "
                    "واللاجئين والنازحين من جنسيات عديدة، تصف نفسها بأنها "
                    "تقدمية ومناهضة للإمبريالية. ويرى نفسه أول تحالف عالمي "
                    "من نوعه: تحالفًا شكّلته بنفسها منظمات القاعدة الشعبية "
                    "من المهاجرين واللاجئين والنازحين.</p>"
                    "<p>ويتّحد أعضاؤه حول وثيقتين تأسيسيتين: "
                    "<strong>أساس الوحدة</strong> و<strong>برنامج العمل "
                    "العام</strong>.</p>",
                ),
                ("heading", "أين يعمل التحالف"),
                (
                    "paragraph",
                    "<p>أصبح لتحالف IMA اليوم حضور في كل المناطق الرئيسية "
                    "من العالم تقريبًا، كما هو مبيّن أدناه. وتقع أمانته "
                    "الدولية في هونغ كونغ.</p>",
                ),
                ("heading", "ماذا يفعل التحالف"),
                (
                    "paragraph",
                    "<p>يسعى تحالف IMA إلى تقوية صوت المهاجرين من القاعدة "
                    "الشعبية وطرحه في القضايا التي تمسّهم وتمسّ أسرهم. "
                    "وتتراوح هذه القضايا بين التحويلات المالية، وحقوق "
                    "المهاجرين ورفاههم، وإنهاء الهجرة القسرية للعمالة.</p>"
                    "<p>ويقدّم التحالف في كل قضية من هذه القضايا تحليله "
                    "الخاص، المستمد من تجربة المهاجرين من القاعدة الشعبية. "
                    "ويشكّك في الطريقة التي تُدار بها الهجرة اليوم، بما في "
                    "ذلك هيئات مثل المنتدى العالمي للهجرة والتنمية (GFMD)، "
                    "ويطرح بدلًا من ذلك نهجًا أكثر تحويلية إزاء الهجرة "
                    "والتنمية يقوم على حقوق الإنسان.</p>",
                ),
            ],
        },
        "statements_index": {
            "title": "البيانات",
            "intro": ("البيانات والبيانات الصحفية والبيانات المشتركة الصادرة عن التحالف."),
        },
        "statement": {
            "slug": "trump-executive-orders",
            "title": ("أوامر ترامب التنفيذية عنصرية ومعادية للمهاجرين واللاجئين"),
            "deck": "خطوة نحو أمريكا أكثر كراهية للأجانب؟",
            "summary": (
                "أدان تحالف IMA أوامر الهجرة التي وقّعها الرئيس دونالد "
                "ترامب في أسبوعه الأول في المنصب، ومنها تعليق برنامج "
                "اللاجئين الأمريكي لمدة أربعة أشهر. وقالت رئيسة التحالف "
                "Eni Lestari إن هذه الأوامر تغذّي العنصرية وتعرّض "
                "المسلمين الأمريكيين وغيرهم من ذوي البشرة الملوّنة للخطر."
            ),
            "body": [
                (
                    "paragraph",
                    "<p>انتقد التحالف الدولي للمهاجرين الأوامر التنفيذية "
                    "التي وقّعها الرئيس الأمريكي دونالد ترامب في أسبوعه "
                    "الأول في المنصب لفرض مزيد من القيود على الهجرة، "
                    "وتساءل عمّا إذا كانت أمريكا تتجه نحو مزيد من كراهية "
                    "الأجانب.</p>",
                ),
                ("heading", "ما الذي تنص عليه الأوامر"),
                (
                    "paragraph",
                    "<p>أمر ترامب بتعليق برنامج اللاجئين الأمريكي لمدة "
                    "أربعة أشهر. ويواجه طالبو اللجوء واللاجئون القادمون من "
                    "سبعة بلدان ذات أغلبية مسلمة الآن إجراءات أكثر صرامة "
                    "تحدّ من دخولهم. وكان الهدف الذي أعلنه ترامب، بالكلمات "
                    "التي نقلها التحالف، هو إبقاء «الإرهابيين الإسلاميين "
                    "المتطرفين» خارج الولايات المتحدة. وأشار التحالف إلى أن "
                    "المسيحيين مستثنون.</p>"
                    "<p>وفي وقت سابق من الأسبوع نفسه، أمر ترامب ببناء جدار "
                    "دون تأخير على طول الحدود بين الولايات المتحدة "
                    "والمكسيك.</p>",
                ),
                ("heading", "مخاوف التحالف"),
                (
                    "paragraph",
                    "<p>بحسب رئيسة تحالف IMA، Eni Lestari، فإن هذه الأوامر "
                    "وتصريحات الرئيس العلنية لا تفعل سوى تغذية العداء "
                    "للإسلام والكراهية العنصرية والإقصاء والتعصب، وهي أمور "
                    "قالت إنها تنتشر بسرعة في أنحاء أمريكا.</p>",
                ),
                (
                    "quote",
                    {
                        "text": (
                            "بالتلميح إلى أن المؤمنين بالإسلام إرهابيون "
                            "محتملون، يبرّر ترامب العنصرية وأفعاله التي "
                            "تشجّع على مزيد من الصراع والانقسام العنصريين."
                        ),
                        "person": "lestari",
                    },
                ),
                (
                    "paragraph",
                    "<p>وشبّهت Lestari نهجه بشعار «إما معنا أو ضدنا» في "
                    "عهد رئاسة George W. Bush، وهي رئاسة قالت إنها عُرفت "
                    "بغزو العراق.</p>"
                    "<p>ووصفت بالمأساوي أن يكون للولايات المتحدة، وهي بلد "
                    "مهاجرين ولاجئين، والبلد الذي اتفقت فيه الدول والمنظمات "
                    "الشعبية وسائر الجهات المعنية في عام 2016 على الاتفاق "
                    "العالمي للمهاجرين واللاجئين، رئيسٌ يروّج للعنصرية "
                    "والتمييز بدلًا من التضامن والوحدة.</p>"
                    "<p>وأعرب تحالف IMA عن قلقه الملحّ على سلامة وأمن "
                    "المسلمين الأمريكيين وغيرهم من ذوي البشرة الملوّنة الذين "
                    "يعيشون في البلاد. وحذّرت Lestari من أن تصريحات الرئيس "
                    "قد تشجّع على الاعتداء على المسلمين الأمريكيين وعلى "
                    "كثيرين غيرهم ممن تنطبق عليهم الملامح العرقية نفسها. "
                    "وأضافت أنها قد تؤدي أيضًا إلى إجراءات أشد قسوة من جانب "
                    "الدولة، منها اعتقال المهاجرين وحملات القمع "
                    "والترحيل.</p>",
                ),
                ("heading", "التضامن والاحتجاج"),
                (
                    "paragraph",
                    "<p>أعرب التحالف عن تضامنه مع منظماته الأعضاء في "
                    "الولايات المتحدة، ومع المجموعات والأشخاص الكثيرين الذين "
                    "شاركوا في مسيرة النساء وعارضوا سياسات الرئيس وتصريحاته "
                    "المعادية للمهاجرين.</p>",
                ),
                (
                    "quote",
                    {
                        "text": (
                            "بسياساته وأوامره، تشكّل رئاسة ترامب تهديدًا "
                            "للتضامن والتفاهم بين الأعراق والعدالة التي "
                            "يتمسك بها كثيرون منا ويعززونها. ولن نسمح بحدوث "
                            "ذلك."
                        ),
                        "person": "lestari",
                    },
                ),
                (
                    "paragraph",
                    "<p>وقالت Lestari إن تحالف IMA سيحشد منظماته الأعضاء في "
                    "الولايات المتحدة وفي أنحاء العالم للاحتجاج على هذه "
                    "السياسة، التي وصفتها بأنها أبغض سياسات رئيس وصفته بأنه "
                    "عنصري ومعادٍ للمرأة.</p>",
                ),
            ],
            "signature": "Eni Lestari\nرئيسة التحالف الدولي للمهاجرين",
        },
    },
}
