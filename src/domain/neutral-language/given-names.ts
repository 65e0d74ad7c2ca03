/**
 * Given names common among pupils in UK schools, so the checker can recognise a pupil's name
 * without the school holding any list of pupils (protocol rule 9: records never name pupils).
 *
 * Source: written by hand for this project (not downloaded), from the names most often given in
 * England and Wales, Scotland and Northern Ireland in recent decades, and the names common in the
 * UK's larger communities of other heritage: Welsh, Scottish and Irish Gaelic, South Asian
 * (Pakistani, Indian, Bangladeshi, Sri Lankan Tamil, Punjabi, Gujarati), Polish and other Central
 * and Eastern European, Somali, Nigerian (Yoruba, Igbo, Hausa) and other West and East African,
 * Arabic, Turkish and Kurdish, Chinese and Vietnamese, Portuguese, Spanish and Italian. Spellings
 * are given without accents where the accented form is also listed or commonly typed without.
 *
 * Maintenance: add a name in lower case to the group it belongs to; a name that is also an
 * ordinary English word ("will", "grace", "hope") must also be added to NAMES_THAT_ARE_WORDS in
 * lexicon.ts, so it is read as a name at the start of a sentence only when a verb follows.
 * Words that must never be read as names here (subjects, days, "Year") are in NOT_NAMES, which
 * wins over this list. The checker test table is where a new case goes first.
 */

const GROUPS: readonly string[] = [
  // English: boys
  `john will bill pat sue drew guy ray dawn eve carol robin oliver george harry noah jack leo arthur oscar charlie jacob thomas henry william alfie
  theodore theo joshua freddie archie isaac teddy finley lucas alexander edward james max ethan
  adam tommy reuben samuel joseph elijah hugo louie daniel sebastian albie harrison arlo jaxon
  mason rory toby ronnie frankie jude benjamin louis albert luca carter dylan elliot elliott
  jenson ezra riley logan reggie hunter ollie ralph jesse jasper otis michael alex felix gabriel
  caleb zachary matthew jayden liam nathan harvey kai tyler ryan callum connor kieran aiden aidan
  ben josh sam luke jake kyle lewis cameron bradley jordan declan dominic owen aaron andrew
  anthony christopher chris david jonathan mark martin paul peter richard robert simon stephen
  steven philip nicholas timothy tim gary darren wayne craig lee dean neil scott stuart graham
  ian keith kevin colin derek trevor nigel barry brian gordon alan geoffrey jamie joe charles
  billy bobby danny jimmy johnny kenny lenny sonny stanley sidney sid bertie percy alfred ernest
  ernie frederick harold herbert howard leonard raymond ronald roy terence terry vincent walter
  wilfred douglas eric francis gerald gregory harley hayden jay jason jeremy joel jonah josiah
  kayden keegan kenneth kian leon marcus mathew maxwell miles morgan nathaniel oakley ashton
  austin bailey blake brandon brody cody cole corey curtis dexter ellis evan ewan fletcher flynn
  frank freddy gabe grayson harris ibrahim isaiah jackson jake jax jensen jonny junior kobe
  layton leighton leyton lincoln louis lyle mackenzie malachi marley matteo micah milo monty nate
  nico ned niall noel ollie orson parker phoenix quinn reece reese rhys robbie rocco rowan rupert
  russell ryder sammy sean seth shaun shane spencer stefan taylor tobias travis tristan troy
  tyrone victor wesley xander zac zach zack zak zane ziggy ashley barnaby benedict cassius cecil
  clement crispin cyril digby edmund eli elias enzo fabian gideon giles hector horace ivor jasper
  jeffrey jerome joey julian kit laurence lawrence lionel magnus marshall maurice montgomery
  oswald ralphie rex ricky rodney rufus sonny stevie tarquin teddie tony vernon wallace warren
  wilbur wilf willie woody`,
  // English: girls
  `olivia amelia isla ava ivy freya lily florence mia willow rosie sophia isabella grace daisy
  sienna poppy elsie emily ella evelyn phoebe sofia evie charlotte harper millie matilda maya
  sophie alice emilia isabelle ruby aria maisie hallie esme ada eva harriet mila ayla penelope
  violet bonnie lottie iris ellie mabel jessica chloe lucy hannah holly megan lauren bethany
  rebecca katie amy emma georgia abigail jasmine leah molly niamh erin zara imogen scarlett
  eleanor beatrice clara lola thea nancy edith orla hazel aurora luna nova robyn gemma kirsty
  nicola samantha sarah laura rachel claire helen joanne karen lisa louise michelle natalie
  stacey kelly jade danielle hayley jennifer victoria elizabeth catherine caroline susan margaret
  patricia deborah julie tracy tracey amanda angela sharon wendy jane anne ann mary janet
  christine diane lynn lynne alexandra alexa alisha alison amber anna annabel annabelle annie
  april arabella autumn bella bethan brooke caitlin callie carly cassie charlie chantelle
  courtney darcey darcie darcy delilah demi eden elise eliza ellen ellie-mae eloise elodie emilie
  eve faith felicity frances francesca gabriella gabrielle georgie georgina gracie hattie heidi
  hollie honey hope imani isabel isobel jasmin jemima jenna jenny jodie josephine joy julia
  juliet kara kate katherine kathryn kayla keira kerry kiera kimberley kitty lacey lara layla
  leila lexi libby lilly lily-mae liberty lilah lorna lottie lucia lydia lyla maddison madison
  maria marnie martha matilda maddie meghan melissa mollie naomi natasha nell nellie nina olive
  paige pearl penny primrose rachael remi renee rosa rose rosalind rosemary rosie rowan ruth
  sadie sally savannah serena shannon sienna skye stella summer susie tabitha tallulah tamsin
  tegan tia tilly trinity valentina vanessa vicky vivienne wren yasmin zoe zoey abbie abby aimee
  alana alanna alicia amelie ariana arianna beth bridget cara carol carrie cerys charley chelsea
  chrissie ciara clarissa connie cora cordelia daisy-mae dolly dora dorothy edie elena elsa
  emmeline esther ethel evangeline fay fern fiona flora florrie gwen hermione iona jean jessie
  joan joanna jocelyn judith kathleen kay lilian lillian louisa lucinda lulu mae maeve marianne
  marie marion maxine mercy miriam mollie muriel nora norah ottilie pamela patience peggy phoebe
  priscilla rita roberta ronnie sabrina sandra sasha scarlet sheila shirley sylvia tessa theresa
  una ursula verity vera winifred winnie`,
  // Welsh
  `dafydd emrys gareth gethin gruffydd gruff gwion huw iestyn ieuan iwan llew llewellyn llywelyn
  owain rhodri steffan tomos aled alun bryn cai carwyn deiniol elis emyr geraint glyn hywel idris
  islwyn macsen meirion osian sion taliesin trystan tudur wyn cerys carys catrin eira eleri ffion
  gwenllian gwyneth heledd lowri mali manon nia nerys rhiannon seren sian sioned angharad ceri
  delyth elin enfys glesni llinos mererid olwen rhian branwen alaw cadi efa lili mabli nel beca
  elan menna mared anwen bronwen caryl dilys eluned gwenno hedydd mirain nanw tirion`,
  // Scottish
  `alasdair alastair alistair angus calum campbell duncan euan fergus finlay fraser gregor hamish
  iain innes keir lachlan malcolm murdo murray ross ruaridh ruairidh struan torquil ailsa eilidh
  kirstin mhairi morag morven rhona shona catriona elspeth kenzie mairi lorna moira heather jock
  kenna rab sorley teagan`,
  // Irish
  `aoife aisling caoimhe clodagh eimear roisin saoirse siobhan sinead grainne deirdre fionnuala
  mairead nuala aine bronagh cliodhna dearbhla muireann sorcha cian ciaran cillian colm conor
  darragh diarmuid donal eoin fionn oisin padraig ronan ruairi seamus tadhg cathal brendan eamon
  eamonn fergal odhran rian senan shay orlaith ailbhe ciarán róisín sinéad seán séamus pádraig
  oisín áine eabha meabh maebh cormac dara fiachra killian lorcan pearse tiernan`,
  // South Asian: Pakistani, Bangladeshi, Indian, Punjabi, Gujarati, Tamil, Nepali
  `aarav aisha amir anaya arjun aryan ayaan dev divya hari ishaan isha jaspreet harpreet gurpreet
  manpreet simran kiran krish lakshmi meera neha nikhil priya rahul raj ravi riya rohan sanjay
  sita sunil vikram anika aanya aditya arnav harjit jasmeet navdeep parminder rajinder sukhdeep
  tanveer amrit amandeep baljit bhavna deepak gita hema jaya kavita kamal manish nisha pooja
  preeti rani rekha sachin sameer sapna shreya suresh tara usha vijay yash zain ayesha fatima
  fatimah maryam mariam hamza ibraheem imran irfan javed khadija mahnoor muhammad mohammed
  mohammad nadia nasir rizwan saima shabnam shazia sadia tahir usman zainab zeeshan anwar arif
  asif bushra farhan haris hassan hussain junaid kashif rabia raheem rehan sana samina tariq umar
  wasim yasir anisa nabila nazia rumana shahana sumaiya tasnim tahmina rahim rafiq shafiq abdul
  ruhul abdur rahima rafi sabbir tanvir nusrat farzana tahmid arun karthik senthil vishnu kavya
  nila abinaya thanush harini hetal jignesh krupa bhavesh nirav dhruv kinjal sushil bishal anish
  sagar prakash ankit anjali aryan ashok ayan ayat dilip ela gagan gurdeep gurjit harleen harman
  harnoor hasnain inaya ishaq ishan jasleen jaswinder kamran kulwinder laiba manjit mehak mehwish
  minahil mustafa nabeel naveed parveen pritam rajesh ramesh rashid rubina rukhsana saad safa
  saif sajid salman samira sandeep sania sarwar shahid shakeel shanaya shiv shivani sohail sonia
  subhan sufyan suleman sunita tanisha tejal umair uzair varun veer vivek waqas yusra zaid zakir
  zayan zoya aaliyah abida afzal ahsan aleena alina alishba amaan amna anum areeb arham arooj
  arslan asad ashraf awais azan babar faiza faizan fareeha farida fiza ghazala hafsa hamid haroon
  humaira iqra irum javeria kainat khalid kinza komal maham mahira maira maliha mehreen misbah
  momina muneeb nimra noman rafay rameen rida romaan saba sabeen sadaf saira samreen shoaib sidra
  sumera tayyab tooba uzma wajid yahya zahra zakariya zeenat zulfiqar amara anya ananya diya ira
  kabir krishna maanvi myra navya reyansh rudra saanvi vihaan advik atharv devansh ishita janvi
  kiaan mahi nitya ojas pari prisha rehaan sai samar shaurya tanvi trisha vanya vedant yuvraj
  jasraj simar sahib gurnoor rajveer ekam`,
  // Arabic, Turkish, Kurdish, Persian, Afghan
  `adam ahmad ahmed ali amina amira aya ayman fadi hadi hala hana hiba huda jamal jamila karim
  khaled laila layla leila lina mahmoud malak mona nour noor omar rami rania reem salma sami
  samir sara tarek yara yasmin yousef youssef ziad aliyah bilal dalia hussein ibrahim ismail jana
  khalil lamar majid nabil salim sultan walid zakaria zayd zayn zaynab anas amr abdallah abdullah
  abdulrahman aseel basma batoul dana fares ghada hamad hanan haya hoda hussam imad iman jad
  jawad kareem latifa lujain mahdi mais marwa maysa mohamad mounir muna nada nadim najib nasser
  nizar rahaf rana rasha raya riyad rola ruba saeed sahar salem samah sameh tala tamara tamer
  wael waleed yasser yazan yusuf zaina ziyad amal asma azra ayse ayşe elif emre kerem mehmet
  zeynep deniz berat cem ece emir eren hasan irem kaan kadir melek merve murat ozan selin serkan
  sude yigit zehra aras baran berfin dilan diyar hevin jiyan kawa rojin shilan soran zana arash
  behnam dariush farhad farzad parisa reza roya shirin sina ahmadullah farid habibullah mursal
  najiba nilofar sahil shabana wahid zarmina`,
  // Somali
  `abdi abdullahi ayaan bashir deeqa faisal farah fadumo hodan hibaaq hawo idil ifrah ilhan khadra
  ladan liban mahad nimco sagal sahra zakariye guled mukhtar qaali ramla ridwan shukri sumaya
  ubah hani hamdi hanad mustafe naima nuur saciid abdirahman abdikarim abdirizak amran anab asad
  bilan canab cawo deka faduma filsan hamse hodo ikran istar jama kaltun khadar maryan nasteho
  roda sacdiya samatar subeer yasin yonis zamzam`,
  // Nigerian (Yoruba, Igbo, Hausa) and other West African
  `ade adebayo adeola adewale ayodele ayo babajide bisi bola bukola chidi chidera chiamaka chinedu
  chinonso chioma chukwuemeka dayo ebuka ejike emeka femi folake funmi funmilayo ifeoma ifeanyi
  ikenna jide kehinde taiwo kemi kunle ngozi nkechi nnamdi obinna olu oluwaseun seun seyi tobi
  tolu temitope tope tunde uche yetunde amaka adaeze chisom somto tochukwu onyeka ugochi damilola
  damola oyin fola ini eniola ayomide toluwani oreoluwa simi fisayo feyisara abiodun adaobi
  adenike adesuwa adunni ayotunde chiagozie chibuike chinaza chinwe chukwudi ebere ekene emmanuel
  enitan esosa ezinne funke ibukun ife ifeoluwa ijeoma ikechukwu jumoke kelechi lanre mayowa
  munachi nneka nonso obiageli obioma ogechi oladele olamide olumide olusegun omolara onyinye
  opeyemi osaro temi temidayo titilayo tobenna uchenna udoka yemi aminu bello garba hauwa musa
  nafisa sani kwame kofi kojo ama akua abena yaw esi efua kwabena kwesi adwoa afia ekow nii naa
  yaa fatou mamadou aminata ousmane moussa awa binta ibrahima lamin isatou mariama sekou abu
  kadiatu`,
  // East and Southern African, Eritrean, Ethiopian
  `tendai tatenda chipo rudo farai tinashe amani baraka juma wanjiru njeri kamau wanjiku akinyi
  otieno achieng wambui mwangi zawadi imara yonas senait filmon tesfay abel dawit hiwot liya
  selam meron mekdes rahel tsion yohannes haben luwam semhar thabo sipho lindiwe nomvula themba
  lerato tumelo palesa busisiwe`,
  // West African and Caribbean virtue names in English
  `blessing precious favour favor gift goodness praise peace victory wisdom divine miracle
  testimony comfort prosper godwin godswill`,
  // Polish, Lithuanian, Romanian, Ukrainian, Russian, Czech, Slovak, Hungarian, Bulgarian
  `zofia jakub kacper szymon wiktoria zuzanna maja lena julia antoni filip franciszek mikolaj
  mikołaj wojciech kamil dawid piotr pawel paweł krzysztof tomasz lukasz łukasz mateusz bartosz
  michal michał marcin agnieszka katarzyna malgorzata małgorzata magdalena joanna natalia
  aleksandra oliwia hanna nikola igor oskar jan stanislaw stanisław marek tymon aleks alicja
  anastazja antonina bartek gabriela hubert iga jagoda kinga kuba marcel maksymilian milena
  patryk przemek weronika wiktor zosia zuza andrei alexandru ionut mihai bogdan elena ioana
  andreea daria anastasia ivan dmitri dmitry olga nikita artem sofiya tomas lukas matas emilija
  gabija ugne rokas dominykas gustas kajus austeja ieva kamile lukne adomas augustas aistė simona
  darius ovidiu florin cristian gheorghe vasile adelina bianca denisa larisa raluca mihaela
  roxana teodora yana yulia kateryna oleksandr oleksii bohdan dmytro taras mykola viktoriia
  polina veronika ksenia petr jiri ondrej tereza adela eliska klara lucie marketa zsofia bence
  levente laszlo dorina katalin boris georgi ivana kalina nikolai yordan`,
  // Chinese, Vietnamese, Filipino, Japanese, Korean
  `wei jing ming mei xin hao chen jun ling xiao zhi jia hui zihan zixuan haoran yuxuan yichen minh
  linh anh thanh huy trang duc hoa lan mai quang tuan bao khanh ngoc phuong thu vy jomar jericho
  angelica kristine rowena maricel haruto yui sakura hiroshi kenji yuki aiko ren sora minjun
  seoyeon jiwoo hyun jisoo`,
  // Portuguese, Spanish, Italian, French, Greek
  `joao joão tiago rafael goncalo gonçalo beatriz ines inês mariana leonor diego carlos miguel
  lucía valentina camila mateo santiago alejandro pablo javier alvaro andres catalina ximena
  martina giulia francesca giovanni marco alessandro chiara lorenzo federico giorgia pietro
  riccardo antoine baptiste camille chloé etienne mathis noe yannick dimitris georgios
  konstantinos eleni katerina nikolaos vasilis yiannis andreas christos despina ioannis
  panagiotis stavros`,
];

let names: ReadonlySet<string> | null = null;

/**
 * Every given name on the list, lower case. Built on first use, not when the module loads: the
 * capture screens load the checker with them, and a phone should not build the set before the
 * first page is drawn (issue 22).
 */
export function givenNames(): ReadonlySet<string> {
  names ??= new Set(
    GROUPS.flatMap((group) => group.split(/\s+/)).filter((name) => name.length >= 2),
  );
  return names;
}
