# ruff: noqa: E501  (article text: one line per paragraph)
"""The demo knowledge base of a Dutch municipality (Gemeente Voorbeeld): products and
services, frequently asked questions, work instructions and news, as a contact centre's
knowledge base holds them. Invented text: amounts, days and addresses are examples.

Each article starts with ``@soort Titel``; ``sleutel: waarde`` lines follow (eigenaar,
doelgroep, trefwoorden, samenvatting, status), then sections, each ``## Kop`` and its
text. ``demo/kennisbank.py`` reads it."""

ARTIKELEN = """
@product Paspoort aanvragen
eigenaar: Burgerzaken
trefwoorden: reisdocument, nieuw paspoort, paspoort verlengen, paspoort verlopen
samenvatting: Een paspoort vraagt de inwoner persoonlijk aan bij de balie van het stadskantoor, op afspraak. Het paspoort is na 5 werkdagen op te halen.
## Wat neemt de inwoner mee
Het oude paspoort of de ID-kaart (ook als die verlopen is) en een goedgekeurde pasfoto die niet ouder is dan 6 maanden. Vingerafdrukken worden aan de balie genomen.
## Kosten en levertijd
Een paspoort voor 18 jaar en ouder kost € 84,20 en is 10 jaar geldig; voor kinderen € 64,70, 5 jaar geldig. Spoedlevering de volgende werkdag kost € 57,20 extra.
## Afspraak maken
Een afspraak maakt de inwoner via de website of de KCC-medewerker plant die in. Ophalen kan zonder afspraak binnen 3 maanden.

@product ID-kaart aanvragen
eigenaar: Burgerzaken
trefwoorden: identiteitskaart, identiteitsbewijs, idkaart, legitimatie
samenvatting: Een Nederlandse identiteitskaart (ID-kaart) vraagt de inwoner aan bij de balie, op afspraak. Binnen Europa kan met de ID-kaart worden gereisd.
## Wat neemt de inwoner mee
Het huidige identiteitsbewijs en een pasfoto van minder dan 6 maanden oud.
## Kosten
Een ID-kaart voor 18 jaar en ouder kost € 77,85 (10 jaar geldig); voor jongeren onder 18 € 43,75 (5 jaar geldig).

@vraag Paspoort of ID-kaart kwijt of gestolen
eigenaar: Burgerzaken
trefwoorden: verloren, vermist, zoekgeraakt, diefstal, vermissing, paspoort kwijt, id-kaart kwijt
samenvatting: Bij verlies of diefstal van een paspoort of ID-kaart meldt de inwoner dit bij de gemeente, bij het aanvragen van een nieuw document. Aangifte bij de politie is alleen nodig bij diefstal.
## Vermissing melden
De inwoner maakt een afspraak voor een nieuw reisdocument en vult aan de balie de verklaring van vermissing in. Het oude document wordt direct ongeldig gemaakt.
## In het buitenland kwijt
Meld het verlies bij de lokale politie en neem contact op met de Nederlandse ambassade of het consulaat voor een noodpaspoort.
## Kosten
Naast de kosten van het nieuwe document betaalt de inwoner geen extra leges voor de vermissing.

@product Rijbewijs aanvragen of verlengen
eigenaar: Burgerzaken
trefwoorden: rijbewijs vernieuwen, rijbewijs verlopen, autorijbewijs, rijvaardigheid
samenvatting: Een rijbewijs verlengen of een eerste rijbewijs na het examen aanvragen kan online met DigiD of aan de balie. Het nieuwe rijbewijs is na 5 werkdagen op te halen.
## Online aanvragen
Met DigiD en een pasfoto in de fotodatabase van de RDW vraagt de inwoner het rijbewijs online aan via de website. Wie 75 jaar of ouder is heeft eerst een gezondheidsverklaring nodig van het CBR.
## Kosten
Een rijbewijs kost € 52,40. Spoedlevering kost € 39,70 extra.

@vraag Rijbewijs kwijt of gestolen
eigenaar: Burgerzaken
trefwoorden: rijbewijs verloren, rijbewijs vermist, rijbewijs diefstal
samenvatting: Bij verlies van het rijbewijs vraagt de inwoner een nieuw rijbewijs aan bij de balie en vult een verklaring van vermissing in. Bij diefstal eerst aangifte doen bij de politie.
## Aanvragen
Afspraak maken bij de balie; een pasfoto en een geldig identiteitsbewijs meenemen. De kosten zijn € 52,40 plus € 19,50 voor de vermissing.

@product Verhuizing doorgeven
eigenaar: Burgerzaken
trefwoorden: verhuizen, nieuw adres, adreswijziging, inschrijven, verhuismelding, omzetten adres
samenvatting: Een verhuizing geeft de inwoner online door met DigiD, uiterlijk 5 dagen na de verhuisdatum. Dat kan 4 weken van tevoren. De gemeente geeft het nieuwe adres door aan andere overheden.
## Verhuizen binnen of naar de gemeente
De inwoner geeft de verhuizing door aan de nieuwe gemeente, ook bij een verhuizing binnen Voorbeeld. De oude gemeente hoeft niets te horen. Meeverhuizende gezinsleden kunnen in dezelfde melding mee.
## Zonder DigiD
Zonder DigiD kan het verhuisformulier worden gedownload en per post of aan de balie worden ingeleverd, met een kopie van een identiteitsbewijs.
## Toestemming hoofdbewoner
Gaat de inwoner inwonen bij iemand, dan is een ondertekende toestemmingsverklaring van de hoofdbewoner nodig.

@product Verhuizen naar het buitenland (emigratie)
eigenaar: Burgerzaken
trefwoorden: emigreren, vertrek buitenland, uitschrijven, emigratie
samenvatting: Wie voor langer dan 8 maanden naar het buitenland vertrekt, meldt dit uiterlijk 5 dagen voor vertrek bij de gemeente. De inwoner wordt dan uitgeschreven uit de BRP.
## Melden
De emigratie wordt persoonlijk aan de balie gemeld of met het emigratieformulier. Na vertrek ontvangt de inwoner een bewijs van uitschrijving.

@product Uittreksel BRP aanvragen
eigenaar: Burgerzaken
trefwoorden: uittreksel, bewijs van inschrijving, gba uittreksel, brp, basisregistratie personen
samenvatting: Een uittreksel uit de Basisregistratie Personen (BRP) vraagt de inwoner online aan met DigiD of aan de balie. Het uittreksel kost € 14,10.
## Gebruik
Een uittreksel is soms nodig voor een woningcorporatie, een werkgever in het buitenland of een rechtszaak. Een internationaal uittreksel is er in meerdere talen.

@product Geboorteaangifte doen
eigenaar: Burgerzaken
trefwoorden: baby, geboren, geboorte aangeven, kind aangeven
samenvatting: Een geboorte moet binnen 3 dagen worden aangegeven in de gemeente waar het kind is geboren. Dat kan online met DigiD of aan de balie.
## Wie doet aangifte
Een van de ouders, of iemand die bij de geboorte aanwezig was. Bij ongehuwde ouders moet het kind vóór de aangifte erkend zijn om de naam van de vader of duomoeder te krijgen.
## Meenemen
Een geldig identiteitsbewijs van de aangever en van de moeder.

@product Kind erkennen
eigenaar: Burgerzaken
trefwoorden: erkenning, ongeboren vrucht, vaderschap, ouderschap
samenvatting: Een niet-getrouwde partner wordt juridisch ouder door het kind te erkennen, bij voorkeur al tijdens de zwangerschap. Erkenning is gratis.
## Afspraak
Beide ouders komen samen op afspraak naar de balie met geldige identiteitsbewijzen.

@product Overlijden aangeven
eigenaar: Burgerzaken
trefwoorden: overleden, dood, sterfgeval, begrafenis, crematie, akte van overlijden
samenvatting: Een overlijden wordt aangegeven in de gemeente van overlijden, meestal door de uitvaartondernemer. Dat gebeurt binnen 6 werkdagen.
## Wat regelt de uitvaartondernemer
De ondernemer doet de aangifte, vraagt het verlof tot begraven of cremeren aan en levert de verklaring van de arts aan.
## Akte van overlijden
Nabestaanden kunnen een afschrift van de akte van overlijden aanvragen; dat kost € 14,10.

@product Trouwen of geregistreerd partnerschap
eigenaar: Burgerzaken
trefwoorden: huwelijk, huwen, bruiloft, partnerschap, ondertrouw, melding voorgenomen huwelijk
samenvatting: Wie wil trouwen of een partnerschap wil registreren, meldt dat online met DigiD tussen 1 jaar en 2 weken voor de datum. Daarna worden datum, locatie en trouwambtenaar gekozen.
## Kosten
Een gratis huwelijk is mogelijk op maandagochtend in het stadskantoor. Een huwelijk in de raadzaal kost € 460, op een eigen locatie € 825.
## Getuigen
Er zijn minimaal 2 en maximaal 4 getuigen van 18 jaar of ouder nodig.

@product Naamgebruik wijzigen
eigenaar: Burgerzaken
trefwoorden: achternaam partner, naam echtgenoot, aanschrijfnaam
samenvatting: Na een huwelijk of partnerschap kan de inwoner kiezen de achternaam van de partner te gebruiken. Het naamgebruik wordt online met DigiD gewijzigd.

@product Verklaring Omtrent het Gedrag (VOG)
eigenaar: Burgerzaken
trefwoorden: vog, verklaring goed gedrag, gedragsverklaring
samenvatting: Een VOG vraagt de werkgever meestal digitaal aan via Justis; de inwoner rondt de aanvraag af met DigiD. Een aanvraag via de gemeente kost € 41,35.
## Aan de balie
Wie geen DigiD heeft, levert het door de werkgever ingevulde aanvraagformulier in bij de balie met een identiteitsbewijs.

@product Legalisatie van een handtekening
eigenaar: Burgerzaken
trefwoorden: handtekening waarmerken, legaliseren, gewaarmerkt
samenvatting: De gemeente kan verklaren dat een handtekening echt is. De inwoner zet de handtekening aan de balie, in het bijzijn van de medewerker. Kosten € 16,60.

@product Naturalisatie: Nederlander worden
eigenaar: Burgerzaken
trefwoorden: nationaliteit, naturaliseren, nederlanderschap, optie, inburgering
samenvatting: Een verzoek om naturalisatie wordt ingediend bij de gemeente op afspraak. De IND beslist. De inwoner moet in ieder geval 5 jaar in Nederland wonen en ingeburgerd zijn.
## Afspraak
Bij de afspraak neemt de inwoner een geldig paspoort, een verblijfsvergunning en het inburgeringsdiploma mee.

@product Briefadres aanvragen
eigenaar: Burgerzaken
trefwoorden: geen vast adres, dakloos, postadres, briefadres
samenvatting: Wie geen woonadres heeft, kan een briefadres aanvragen bij iemand die de post doorgeeft, of bij een instelling. De hoofdbewoner van het briefadres geeft schriftelijk toestemming.

@vraag Iemand staat ten onrechte op mijn adres ingeschreven
eigenaar: Burgerzaken
trefwoorden: adresonderzoek, onterecht ingeschreven, vorige bewoner, post van anderen, uitschrijven
samenvatting: Woont iemand niet meer op het adres maar staat diegene nog ingeschreven, dan meldt de bewoner dat online. De gemeente start een adresonderzoek.
## Hoe gaat het verder
De gemeente schrijft de persoon aan en onderzoekt waar die woont. Binnen 8 weken wordt de inschrijving zo nodig aangepast.

@vraag Afspraak maken bij het stadskantoor
eigenaar: Klantcontactcentrum
trefwoorden: balie, afspraak, tijdslot, afspraak verzetten, afspraak annuleren
samenvatting: Voor de balie van het stadskantoor is altijd een afspraak nodig, behalve voor het ophalen van documenten. Afspraken worden online of door het KCC ingepland.
## Verzetten of annuleren
Via de link in de bevestigingsmail kan de inwoner de afspraak zelf verzetten of annuleren. Het KCC kan dat ook in het afsprakensysteem.

@vraag Openingstijden en adres stadskantoor
eigenaar: Klantcontactcentrum
trefwoorden: openingstijden, adres, bereikbaarheid, parkeren stadskantoor, telefoonnummer gemeente
samenvatting: Het stadskantoor aan het Stadsplein 1 is open op werkdagen van 8.30 tot 17.00 uur, op donderdag tot 20.00 uur. Telefonisch is de gemeente bereikbaar via 14 0123.
## Parkeren
Bij het stadskantoor is een parkeergarage; het eerste half uur is gratis voor bezoekers van de balie.

@product Huisvuil: ophaaldagen en containers
eigenaar: Openbare Ruimte
trefwoorden: afvalkalender, ophaaldag, restafval, kliko, minicontainer, vuilnisbak, wanneer wordt afval opgehaald
samenvatting: Restafval, gft en papier worden om de week opgehaald in minicontainers. De ophaaldagen per adres staan in de afvalkalender op de website en in de Afvalwijzer-app.
## Container aan de straat
Zet de container op de ophaaldag vóór 7.30 uur aan de straat, met de handgreep naar de woning. Haal hem dezelfde dag weer binnen.
## Hoogbouw
Bewoners van flats gebruiken de ondergrondse containers in de buurt met hun afvalpas.

@vraag Afval niet opgehaald
eigenaar: Openbare Ruimte
trefwoorden: container niet geleegd, vuilnis blijven staan, afval vergeten, kliko niet geleegd
samenvatting: Is de container op de ophaaldag niet geleegd, dan meldt de inwoner dat dezelfde dag na 16.00 uur of de volgende werkdag. De container wordt dan binnen 2 werkdagen alsnog geleegd.
## Registreren
Registreer de melding als melding openbare ruimte met het adres en de soort afval. Te zwaar of verkeerd gevulde containers worden niet alsnog geleegd.

@product Container aanvragen, ruilen of kapot
eigenaar: Openbare Ruimte
trefwoorden: kliko kapot, minicontainer, container gestolen, deksel kapot, wiel kapot, extra container, grotere container
samenvatting: Een kapotte of gestolen minicontainer wordt gratis gerepareerd of vervangen. Een extra of grotere container vraagt de inwoner aan via de website.
## Kapot of gestolen
Registreer het adres, de soort container (rest, gft of papier) en wat er kapot is. De reparatie volgt binnen 10 werkdagen.

@product Grofvuil laten ophalen
eigenaar: Openbare Ruimte
trefwoorden: grof afval, bankstel, matras, meubels, kasten, oude bank, wasmachine, witgoed
samenvatting: Grofvuil zoals meubels, matrassen en witgoed wordt op afspraak aan huis opgehaald. Vier keer per jaar is gratis; daarna kost het € 25 per keer.
## Afspraak
De afspraak maakt de inwoner online of via het KCC. Het grofvuil staat op de ophaaldag vóór 7.30 uur aan de straat, maximaal 2 kubieke meter.

@product Milieustraat en afvalpas
eigenaar: Openbare Ruimte
trefwoorden: afvalbrengstation, stort, puin, snoeiafval, chemisch afval, klein chemisch afval, afvalpas kwijt
samenvatting: Op de milieustraat aan de Industrieweg 12 brengen inwoners met hun afvalpas gratis gescheiden afval, zoals snoeiafval, hout, metaal en klein chemisch afval. Puin en asbest zijn beperkt.
## Afvalpas kwijt
Een nieuwe afvalpas kost € 10 en wordt aangevraagd via de website. De oude pas wordt geblokkeerd.

@product Gft en oud papier
eigenaar: Openbare Ruimte
trefwoorden: groente fruit tuinafval, gft, papier karton, oud papier, composteren
samenvatting: Gft-afval en oud papier gaan in de eigen minicontainers of in de buurtcontainers. Oud papier wordt ook opgehaald door verenigingen.

@product Melding openbare ruimte
eigenaar: Openbare Ruimte
trefwoorden: losse stoeptegel, kapotte lantaarnpaal, straatverlichting, gat in de weg, kapotte straat, overhangende takken, melding doen, mor
samenvatting: Schade of overlast in de openbare ruimte, zoals losse stoeptegels, kapotte straatverlichting of zwerfvuil, meldt de inwoner via de website of de app. Het KCC kan de melding ook registreren.
## Registreren
Vraag naar de precieze plek (adres of paalnummer van de lantaarnpaal), wat er aan de hand is en of er direct gevaar is. Bij direct gevaar: spoed en doorzetten naar Openbare Ruimte.
## Afhandeling
De melder krijgt een bevestiging met een nummer. Een gewone melding wordt binnen 5 werkdagen opgepakt.

@vraag Zwerfvuil en illegaal gedumpt afval
eigenaar: Openbare Ruimte
trefwoorden: dumping, afvaldumping, vuilniszakken naast container, rommel op straat, zwerfafval, bijplaatsing
samenvatting: Illegaal gedumpt afval of vuilniszakken naast een container worden na een melding binnen 2 werkdagen opgeruimd. Handhaving kan een boete geven als de veroorzaker bekend is.

@vraag Ratten of ander ongedierte
eigenaar: Openbare Ruimte
trefwoorden: ratten, muizen, ongedierte, wespen, duiven, plaagdieren, bestrijding
samenvatting: Ratten in de openbare ruimte bestrijdt de gemeente gratis na een melding. Ongedierte in of bij de eigen woning laat de bewoner zelf bestrijden door een bedrijf; huurders melden het bij de verhuurder.

@vraag Verstopt riool of wateroverlast
eigenaar: Openbare Ruimte
trefwoorden: riool verstopt, wateroverlast, ondergelopen, putje verstopt, kolk, water op straat, regenwater
samenvatting: Een verstopte straatkolk of wateroverlast op straat wordt gemeld als melding openbare ruimte. Een verstopping in de eigen aansluiting is voor de eigenaar van de woning.
## Buiten kantoortijd
Bij ernstige wateroverlast buiten kantoortijd belt de inwoner het storingsnummer 0800-1234567.

@vraag Gladheid en strooien
eigenaar: Openbare Ruimte
trefwoorden: sneeuw, ijzel, strooien, strooiroute, gladheid, pekel, winterdienst
samenvatting: Bij gladheid strooit de gemeente eerst hoofdwegen, busroutes en fietspaden. Woonstraten en stoepen worden niet gestrooid. De strooiroutes staan op de website.

@vraag Boom snoeien of overlast van bomen
eigenaar: Openbare Ruimte
trefwoorden: overhangende takken, boom, snoeien, bladeren, boomwortels, gemeentelijke boom, gevaarlijke boom
samenvatting: Overlast van een gemeentelijke boom, zoals overhangende takken of opdrukkende wortels, meldt de inwoner als melding openbare ruimte. Bladeren en vruchten zijn geen reden om te snoeien.

@product Kapvergunning: boom kappen
eigenaar: Vergunningen
trefwoorden: boom kappen, boom weghalen, kappen, velling, omgevingsvergunning kappen, boom omzagen
samenvatting: Voor het kappen van een boom met een stamomtrek van meer dan 80 cm op 1,30 meter hoogte is een omgevingsvergunning nodig. De aanvraag gaat via het Omgevingsloket.
## Beslistermijn
De gemeente beslist binnen 8 weken. Bij gevaar kan een spoedkap worden toegestaan.
## Kosten
De leges voor een kapvergunning zijn € 98,50 per aanvraag.

@product Omgevingsvergunning: verbouwen, dakkapel of aanbouw
eigenaar: Vergunningen
trefwoorden: bouwvergunning, dakkapel, aanbouw, uitbouw, verbouwing, schuur, serre, omgevingsloket, vergunningcheck
samenvatting: Voor veel verbouwingen is een omgevingsvergunning nodig. Met de vergunningcheck in het Omgevingsloket ziet de inwoner of een vergunning nodig is. Een dakkapel aan de achterkant is vaak vergunningvrij.
## Aanvragen
De aanvraag gaat digitaal via het Omgevingsloket. De gemeente beslist binnen 8 weken; de termijn kan eenmaal met 6 weken worden verlengd.
## Kosten
De leges hangen af van de bouwkosten: 2,6% van de bouwsom, minimaal € 150.

@product Uitrit of inrit aanleggen
eigenaar: Vergunningen
trefwoorden: oprit, inrit, uitrit, stoep verlagen, trottoir verlagen, parkeren eigen terrein
samenvatting: Voor een nieuwe uitrit over de stoep naar de eigen oprit is een omgevingsvergunning nodig. De gemeente legt de verlaagde stoep aan op kosten van de aanvrager.

@product Sloopmelding en asbest
eigenaar: Vergunningen
trefwoorden: slopen, sloopmelding, asbest verwijderen, asbestdak, golfplaten
samenvatting: Wie meer dan 10 kubieke meter sloopafval heeft of asbest verwijdert, doet minimaal 4 weken vooraf een sloopmelding via het Omgevingsloket. Particulieren mogen maximaal 35 m2 asbest golfplaten zelf verwijderen.

@product Evenementenvergunning
eigenaar: Vergunningen
trefwoorden: evenement, buurtfeest, straatfeest, festival, braderie, feest organiseren, muziek buiten
samenvatting: Voor een evenement op straat of in een park is een evenementenvergunning nodig. Een klein buurtfeest kan met een melding. De aanvraag gaat minimaal 8 weken van tevoren.
## Klein evenement
Een buurtfeest tot 100 personen, tussen 9.00 en 22.00 uur, zonder afgesloten doorgaande weg, is meldingsplichtig; de melding is gratis.

@product Drank- en horecavergunning
eigenaar: Vergunningen
trefwoorden: alcoholvergunning, horeca, café, restaurant, exploitatievergunning, slijterij
samenvatting: Wie alcohol wil schenken in een horecazaak heeft een alcoholvergunning nodig, en vaak ook een exploitatievergunning. De aanvraag duurt tot 8 weken.

@product Terras aanvragen
eigenaar: Vergunningen
trefwoorden: terrasvergunning, terras, stoepterras, horeca terras
samenvatting: Een terras op de stoep vraagt de ondernemer aan met een terrasvergunning. Op de tekening staan de afmetingen en de vrije doorloopruimte van 1,5 meter.

@product Standplaatsvergunning
eigenaar: Vergunningen
trefwoorden: marktkraam, foodtruck, standplaats, verkoop op straat, viskraam
samenvatting: Voor het verkopen vanaf een vaste plek op straat, zoals een foodtruck of viskraam, is een standplaatsvergunning nodig. Er zijn een beperkt aantal plaatsen.

@product Parkeervergunning voor bewoners
eigenaar: Vergunningen
trefwoorden: parkeerkaart, vergunning parkeren, bewonersvergunning, parkeren bij huis, parkeerzone, kenteken wijzigen
samenvatting: Bewoners van een betaald-parkerengebied vragen een parkeervergunning aan via de website met DigiD. Per adres zijn maximaal 2 vergunningen mogelijk. De vergunning is digitaal gekoppeld aan het kenteken.
## Kosten
Een eerste vergunning kost € 65 per jaar, een tweede € 130. Een kentekenwijziging is gratis en gaat online.
## Wachtlijst
In het centrum geldt een wachtlijst voor de tweede vergunning.

@product Bezoekersparkeren
eigenaar: Vergunningen
trefwoorden: bezoekerskaart, parkeren bezoek, bezoekersvergunning, gastparkeren, parkeren visite
samenvatting: Bewoners in een vergunninggebied kunnen bezoek aanmelden via de bezoekers-app. Het bezoek parkeert dan tegen een verlaagd tarief van € 0,50 per uur.

@product Gehandicaptenparkeerkaart
eigenaar: Vergunningen
trefwoorden: invalidenparkeerkaart, gpk, gehandicaptenparkeerplaats, parkeren beperking, medische keuring
samenvatting: Wie slecht ter been is, kan een gehandicaptenparkeerkaart aanvragen. Een onafhankelijke arts beoordeelt of iemand minder dan 100 meter kan lopen. Een eigen gehandicaptenparkeerplaats bij de woning is apart aan te vragen.

@vraag Parkeerboete: bezwaar maken
eigenaar: Belastingen
trefwoorden: naheffingsaanslag, bekeuring parkeren, parkeerbon, boete parkeren, bezwaar parkeerboete
samenvatting: Tegen een naheffingsaanslag parkeerbelasting maakt de inwoner binnen 6 weken online bezwaar. Een boete van de politie (een verkeersboete) gaat via het CJIB, niet via de gemeente.

@vraag Fietswrak of weesfiets
eigenaar: Openbare Ruimte
trefwoorden: fietswrak, weesfiets, fiets weggehaald, fietsdepot, fiets kwijt
samenvatting: Fietswrakken en fietsen die lang op dezelfde plek staan, worden gelabeld en na 4 weken verwijderd. Een weggehaalde fiets kan in het fietsdepot worden opgehaald met het sleuteltje; dat kost € 25.

@product Bijstandsuitkering aanvragen
eigenaar: Werk en Inkomen
trefwoorden: bijstand, uitkering, participatiewet, geen inkomen, bijstandsuitkering, levensonderhoud
samenvatting: Wie niet genoeg inkomen of vermogen heeft om van te leven, kan een bijstandsuitkering aanvragen via de website met DigiD. Eerst meldt de inwoner zich, binnen 2 weken volgt een gesprek.
## Voorwaarden
De inwoner is 18 jaar of ouder, woont rechtmatig in Nederland en in de gemeente, heeft weinig vermogen en zoekt werk.
## Beslissing
De gemeente beslist binnen 8 weken. Een voorschot is mogelijk als de aanvraag langer duurt.

@product Bijzondere bijstand
eigenaar: Werk en Inkomen
trefwoorden: onverwachte kosten, bijzondere kosten, vergoeding, wasmachine kapot, bewindvoering kosten, tegemoetkoming
samenvatting: Bij een laag inkomen kan de inwoner bijzondere bijstand vragen voor noodzakelijke, onverwachte kosten, zoals de kosten van bewindvoering of een vervangende koelkast.

@product Schuldhulpverlening
eigenaar: Werk en Inkomen
trefwoorden: schulden, betalingsachterstand, geldzorgen, rood staan, schuldhulp, budgetcoach, huurachterstand
samenvatting: Wie schulden heeft of het overzicht kwijt is, kan gratis hulp krijgen van de gemeente. Binnen 3 werkdagen volgt een eerste gesprek; bij dreigende huisuitzetting of afsluiting dezelfde dag.
## Doorzetten
Zet het verzoek door naar team Werk en Inkomen met het telefoonnummer en wanneer de inwoner bereikbaar is.

@product Individuele inkomenstoeslag
eigenaar: Werk en Inkomen
trefwoorden: inkomenstoeslag, langdurig laag inkomen, toeslag gemeente
samenvatting: Wie langer dan 3 jaar een laag inkomen heeft en weinig kans op meer inkomen, kan eens per jaar een individuele inkomenstoeslag krijgen van € 450 tot € 650.

@product Stadspas en minimaregelingen
eigenaar: Werk en Inkomen
trefwoorden: stadspas, kortingspas, minima, laag inkomen, sport kinderen, kindpakket, meedoen
samenvatting: Inwoners met een inkomen tot 130% van het sociaal minimum krijgen een Stadspas met korting op sport, cultuur en zwemles voor de kinderen.

@product Energietoeslag
eigenaar: Werk en Inkomen
trefwoorden: energie, energierekening, gasrekening, energiefonds, stookkosten
samenvatting: De energietoeslag van de gemeente is in 2026 gestopt. Inwoners met een hoge energierekening en een laag inkomen kunnen terecht bij het noodfonds energie of bijzondere bijstand aanvragen.

@vraag Huurtoeslag
eigenaar: Werk en Inkomen
trefwoorden: toeslag huur, huursubsidie, dienst toeslagen, belastingdienst toeslagen
samenvatting: Huurtoeslag is geen regeling van de gemeente: de inwoner vraagt die aan bij Dienst Toeslagen (toeslagen.nl, 0800-0543). De gemeente kan helpen met het invullen bij de Formulierenbrigade.
## Doorverwijzen
Verwijs naar Dienst Toeslagen. Heeft de inwoner hulp nodig bij het aanvragen, plan dan een afspraak bij de Formulierenbrigade.

@vraag Zorgtoeslag en kinderopvangtoeslag
eigenaar: Werk en Inkomen
trefwoorden: zorgtoeslag, kinderopvangtoeslag, kindgebonden budget, toeslagen
samenvatting: Zorgtoeslag, kinderopvangtoeslag en het kindgebonden budget lopen via Dienst Toeslagen, niet via de gemeente. De Formulierenbrigade helpt gratis met aanvragen.

@product Formulierenbrigade
eigenaar: Werk en Inkomen
trefwoorden: hulp bij formulieren, invulhulp, brieven begrijpen, hulp bij aanvragen
samenvatting: De Formulierenbrigade helpt inwoners gratis met het invullen van formulieren en het begrijpen van brieven van instanties, op het spreekuur of aan huis.

@product Huishoudelijke hulp (Wmo)
eigenaar: Werk en Inkomen
trefwoorden: wmo, thuiszorg, hulp in huis, schoonmaakhulp, huishouden, zorg aanvragen
samenvatting: Wie het huishouden niet meer zelf kan doen, kan een melding doen voor huishoudelijke hulp uit de Wmo. Na de melding volgt binnen 6 weken een keukentafelgesprek.
## Eigen bijdrage
Voor Wmo-voorzieningen geldt een eigen bijdrage van maximaal € 21,80 per maand, geïnd door het CAK.

@product Woningaanpassing, scootmobiel of rolstoel (Wmo)
eigenaar: Werk en Inkomen
trefwoorden: traplift, scootmobiel, rolstoel, hulpmiddel, woningaanpassing, drempels, wmo
samenvatting: Hulpmiddelen zoals een scootmobiel of rolstoel en aanpassingen in huis, zoals een traplift, vallen onder de Wmo. Na een melding volgt een gesprek met een consulent.

@product Mantelzorgwaardering
eigenaar: Werk en Inkomen
trefwoorden: mantelzorger, mantelzorg compliment, waardering mantelzorg, respijtzorg
samenvatting: Mantelzorgers krijgen eens per jaar een waardering van € 150. De aanvraag loopt via het steunpunt mantelzorg, van 1 september tot 31 december.

@product Jeugdhulp aanvragen
eigenaar: Werk en Inkomen
trefwoorden: jeugdzorg, hulp kind, opvoeding, wijkteam jeugd, jeugdconsulent
samenvatting: Voor jeugdhulp neemt de ouder contact op met het wijkteam; een verwijzing van de huisarts kan ook. Het wijkteam bespreekt welke hulp nodig is.

@product Leerlingenvervoer
eigenaar: Werk en Inkomen
trefwoorden: taxi school, vervoer school, schoolvervoer, speciaal onderwijs vervoer
samenvatting: Kinderen die vanwege een beperking of afstand niet zelf naar school kunnen, krijgen soms leerlingenvervoer. De aanvraag voor het nieuwe schooljaar gaat vóór 1 mei.

@product Inburgering
eigenaar: Werk en Inkomen
trefwoorden: inburgeren, taalcursus, nederlands leren, statushouder, inburgeringsplicht
samenvatting: Inburgeringsplichtigen krijgen van de gemeente een brede intake en een persoonlijk plan. De gemeente regelt de taalcursus en begeleiding.

@product WOZ-waarde en bezwaar
eigenaar: Belastingen
trefwoorden: woz, waardebeschikking, taxatie woning, bezwaar woz, woz te hoog, waarde woning
samenvatting: De WOZ-waarde staat op het aanslagbiljet van de gemeentelijke belastingen. Is de inwoner het niet eens met de waarde, dan maakt die binnen 6 weken na de dagtekening online bezwaar.
## Taxatieverslag
Het taxatieverslag is gratis in te zien via het belastingloket met DigiD.

@product Aanslag gemeentelijke belastingen betalen
eigenaar: Belastingen
trefwoorden: belastingaanslag, aanslagbiljet, ozb, onroerendezaakbelasting, automatische incasso, termijnen, betalen belasting
samenvatting: De aanslag gemeentelijke belastingen komt eind februari. De inwoner betaalt in één keer of in 10 termijnen met automatische incasso.
## Automatische incasso
De incasso wordt online aangevraagd via het belastingloket; de eerste termijn is eind maart.

@product Kwijtschelding gemeentelijke belastingen
eigenaar: Belastingen
trefwoorden: kwijtschelding, niet kunnen betalen, vrijstelling belasting, afvalstoffenheffing kwijtschelding, laag inkomen belasting
samenvatting: Wie een laag inkomen en geen vermogen heeft, kan kwijtschelding vragen voor de afvalstoffenheffing en de rioolheffing, binnen 3 maanden na de dagtekening van de aanslag.

@product Afvalstoffenheffing en rioolheffing
eigenaar: Belastingen
trefwoorden: afvalstoffenheffing, rioolheffing, reinigingsheffing, heffing afval
samenvatting: De afvalstoffenheffing betalen alle huishoudens; de rioolheffing de eigenaren. Een eenpersoonshuishouden betaalt een lager tarief afvalstoffenheffing.

@product Hondenbelasting
eigenaar: Belastingen
trefwoorden: hond aanmelden, hond afmelden, hondenbelasting
samenvatting: Wie een hond heeft, betaalt hondenbelasting: € 120 per jaar voor de eerste hond. Een nieuwe hond aanmelden of afmelden kan online.

@product Betalingsregeling belastingen
eigenaar: Belastingen
trefwoorden: uitstel van betaling, betalingsregeling, later betalen, aanmaning, dwangbevel
samenvatting: Wie de aanslag niet op tijd kan betalen, kan een betalingsregeling aanvragen bij het belastingloket. Na een aanmaning komen er kosten bij.

@vraag Klacht indienen over de gemeente
eigenaar: Klantcontactcentrum
trefwoorden: klacht, ontevreden, klachtenregeling, ombudsman, slecht behandeld
samenvatting: Een klacht over hoe een medewerker of de gemeente iemand behandeld heeft, dient de inwoner in via het klachtenformulier of telefonisch. Binnen 6 weken volgt een reactie.
## Registreren
Registreer de klacht als klantcontact met het onderwerp Klacht en zet een taak uit naar de klachtcoördinator.
## Nationale ombudsman
Is de inwoner niet tevreden over de afhandeling, dan kan die naar de Nationale ombudsman.

@vraag Geluidsoverlast van buren
eigenaar: Klantcontactcentrum
trefwoorden: overlast buren, herrie, lawaai, muziek buren, burenruzie, buurtbemiddeling
samenvatting: Bij geluidsoverlast van buren verwijst de gemeente eerst naar buurtbemiddeling. Acute overlast 's nachts meldt de inwoner bij de politie via 0900-8844.

@vraag Gevonden of verloren voorwerpen
eigenaar: Klantcontactcentrum
trefwoorden: gevonden voorwerp, verloren portemonnee, sleutels gevonden, gevonden fiets
samenvatting: Gevonden en verloren voorwerpen meldt de inwoner via verlorenofgevonden.nl. Gevonden paspoorten en ID-kaarten worden bij de balie van het stadskantoor ingeleverd.

@vraag Verkiezingen: stempas kwijt of iemand machtigen
eigenaar: Burgerzaken
trefwoorden: stempas, stemmen, volmacht, machtigen, vervangende stempas, kiezerspas, verkiezing
samenvatting: Een nieuwe stempas vraagt de kiezer aan tot 5 dagen voor de verkiezing, schriftelijk, of tot de dag ervoor aan de balie. Iemand anders laten stemmen kan met een volmacht op de achterkant van de stempas.

@product Begraven en grafrechten
eigenaar: Openbare Ruimte
trefwoorden: begraafplaats, graf, grafrechten verlengen, urn, asbestemming, grafmonument
samenvatting: De gemeente beheert de begraafplaats aan de Oude Dreef. Grafrechten lopen 20 jaar en kunnen met 10 jaar worden verlengd.

@product Subsidie aanvragen
eigenaar: Klantcontactcentrum
trefwoorden: subsidie, vereniging, bijdrage gemeente, initiatief buurt, buurtbudget
samenvatting: Verenigingen en inwonersinitiatieven kunnen subsidie aanvragen via het subsidieloket op de website. Een buurtinitiatief tot € 2.500 wordt binnen 4 weken beoordeeld.

@product Hondenpoep en losloopgebieden
eigenaar: Openbare Ruimte
trefwoorden: hondenpoep, opruimplicht, hondenuitlaatplek, losloopgebied, hond los
samenvatting: In de hele gemeente geldt een opruimplicht voor hondenpoep. Honden mogen alleen los in de aangewezen losloopgebieden; de kaart staat op de website.

@vraag Speeltoestel kapot
eigenaar: Openbare Ruimte
trefwoorden: speeltuin, schommel kapot, glijbaan, speelplek, onveilig speeltoestel
samenvatting: Een kapot of onveilig speeltoestel meldt de inwoner als melding openbare ruimte. Bij direct gevaar wordt het toestel dezelfde dag afgezet.

@werkinstructie Identiteit vaststellen aan de telefoon
eigenaar: Klantcontactcentrum
doelgroep: Klantcontactcentrum
trefwoorden: controlevragen, identificeren, bsn controleren, verificatie beller, wie belt er
samenvatting: Geef alleen persoonlijke informatie over een zaak of de persoon na controle van de identiteit: vraag naar de geboortedatum en het postcode en huisnummer, en controleer die in het klantbeeld.
## Controlevragen
Vraag altijd twee gegevens die de beller moet weten: geboortedatum en postcode met huisnummer. Noem zelf nooit gegevens voor.
## Twijfel
Klopt het niet of twijfelt u, geef dan geen informatie en bied aan de inwoner terug te bellen op het bekende nummer of verwijs naar Mijn Gemeente met DigiD.

@werkinstructie Terugbelverzoek vastleggen
eigenaar: Klantcontactcentrum
doelgroep: Klantcontactcentrum
trefwoorden: terugbellen, callback, terugbelnotitie, taak uitzetten, doorzetten backoffice
samenvatting: Kan de vraag niet direct beantwoord worden, leg dan een terugbelverzoek vast als taak voor het juiste team, met een duidelijke vraag, het telefoonnummer en wanneer de klant bereikbaar is.
## Termijn
Het team belt binnen 2 werkdagen terug. Bij spoed: prioriteit Hoog en een deadline van vandaag.
## Goede vraag
Schrijf de gevraagde handeling als opdracht: Bel terug over de status van de bezwaarprocedure WOZ.

@werkinstructie Doorverbinden met de backoffice
eigenaar: Klantcontactcentrum
doelgroep: Klantcontactcentrum
trefwoorden: doorverbinden, warme overdracht, vakafdeling, collega bereiken, transfer
samenvatting: Verbind alleen door als de vraag niet in het KCC kan worden beantwoord en de vakafdeling bereikbaar is. Kondig het gesprek aan bij de collega (warme overdracht) en geef het contactnummer door.

@werkinstructie Agressieve of dreigende beller
eigenaar: Klantcontactcentrum
doelgroep: Klantcontactcentrum
trefwoorden: agressie, dreiging, schelden, intimidatie, bedreiging, boze beller
samenvatting: Bij scheldpartijen geeft u één waarschuwing en beëindigt daarna het gesprek. Bij bedreiging beëindigt u het gesprek direct, meldt het bij de teamleider en legt het incident vast.
## Na het gesprek
Vul het incidentformulier in op intranet. De teamleider beslist over aangifte.

@werkinstructie Zorgen over iemands veiligheid
eigenaar: Klantcontactcentrum
doelgroep: Klantcontactcentrum
trefwoorden: huiselijk geweld, kindermishandeling, veilig thuis, suïcide, zorgmelding, verward persoon, 113
samenvatting: Bij signalen van huiselijk geweld of kindermishandeling verwijst u naar Veilig Thuis (0800-2000). Bij acuut gevaar belt u 112. Bij zorgen over een verward persoon is er het meldpunt zorg en overlast.

@werkinstructie Privacyverzoek: inzage in eigen gegevens
eigenaar: Klantcontactcentrum
doelgroep: Klantcontactcentrum
trefwoorden: avg, inzageverzoek, privacy, welke gegevens, persoonsgegevens inzien, functionaris gegevensbescherming
samenvatting: Een verzoek om inzage in de eigen gegevens (AVG) kan de inwoner indienen via Mijn Gemeente of schriftelijk. Leg het verzoek vast; de gemeente antwoordt binnen een maand.

@werkinstructie Spoedmelding buiten kantoortijd
eigenaar: Klantcontactcentrum
doelgroep: Klantcontactcentrum
trefwoorden: storingsdienst, calamiteit, piketdienst, avond, weekend, nood
samenvatting: Meldingen met direct gevaar buiten kantoortijd, zoals een omgevallen boom of een open put, zet u door naar de storingsdienst openbare ruimte via 0800-1234567.

@werkinstructie Klantcontact registreren na elk gesprek
eigenaar: Klantcontactcentrum
doelgroep: Klantcontactcentrum
trefwoorden: registreren, contactmoment, vastleggen, onderwerp kiezen, afronden gesprek
samenvatting: Leg elk gesprek vast als klantcontact met een onderwerp, een korte samenvatting van de vraag en het antwoord, en koppel de klant als die bekend is.

@werkinstructie Ontvankelijkheid van een omgevingsvergunning toetsen
eigenaar: Vergunningen
doelgroep: Vergunningen
trefwoorden: ontvankelijk, aanvullende gegevens, buiten behandeling, indieningsvereisten, opschorten
samenvatting: Toets binnen 2 weken of de aanvraag compleet is. Ontbreken gegevens, vraag die dan op met een termijn van 4 weken; de beslistermijn wordt zo lang opgeschort.

@werkinstructie Spoedaanvraag bijstand beoordelen
eigenaar: Werk en Inkomen
doelgroep: Werk en Inkomen
trefwoorden: voorschot, noodsituatie, geen geld eten, crisis, spoed bijstand
samenvatting: Heeft de aanvrager geen geld voor eten of huur, beoordeel dan binnen 1 werkdag of een voorschot nodig is. Leg het gesprek en de beoordeling vast in het dossier.

@werkinstructie Bezwaar WOZ telefonisch toelichten
eigenaar: Belastingen
doelgroep: Belastingen
trefwoorden: taxateur, bezwaarschrift woz, telefonische hoorzitting, vergelijkingsobjecten
samenvatting: Bel de bezwaarmaker binnen 4 weken na ontvangst van het bezwaar. Bespreek de vergelijkingsobjecten uit het taxatieverslag en leg de uitkomst van het gesprek vast.

@nieuws Nieuwe afvalkalender 2027 online
eigenaar: Openbare Ruimte
trefwoorden: afvalkalender 2027, ophaaldagen volgend jaar, afvalwijzer
samenvatting: De afvalkalender voor 2027 staat vanaf 1 december online. In de wijken Noord en Oost verschuift de ophaaldag van gft van maandag naar dinsdag.

@nieuws Storing bij het aanvragen met DigiD
eigenaar: Klantcontactcentrum
doelgroep: Klantcontactcentrum
trefwoorden: digid storing, inloggen lukt niet, website storing, kan niet inloggen
samenvatting: Door een storing bij DigiD lukt inloggen op Mijn Gemeente vandaag soms niet. Vraag bellers het later opnieuw te proberen; aanvragen met een termijn worden verlengd.

@nieuws Andere openingstijden rond de feestdagen
eigenaar: Klantcontactcentrum
trefwoorden: kerst, oud en nieuw, feestdagen, gesloten, openingstijden december
samenvatting: Op 24 en 31 december sluiten het stadskantoor en het KCC om 15.00 uur. Op 25 en 26 december en 1 januari zijn zij gesloten.

@nieuws Leges 2027 vastgesteld
eigenaar: Vergunningen
doelgroep: Vergunningen, Klantcontactcentrum
trefwoorden: tarieven 2027, legesverordening, prijzen vergunningen
samenvatting: De gemeenteraad heeft de leges voor 2027 vastgesteld. De tarieven voor omgevingsvergunningen stijgen met 3,2%; de leges voor reisdocumenten stelt het Rijk vast.

@nieuws Wijkteam Noord verhuist
eigenaar: Werk en Inkomen
trefwoorden: wijkteam adres, wijkteam noord, nieuw adres wijkteam
samenvatting: Het wijkteam Noord zit vanaf 1 maart in het gezondheidscentrum aan de Kastanjelaan 4. Het telefoonnummer blijft hetzelfde.

@product Vuurwerk en carbid
eigenaar: Vergunningen
status: concept
trefwoorden: vuurwerkverbod, carbidschieten, oud en nieuw
samenvatting: Concept: in de hele gemeente geldt een vuurwerkverbod, behalve op de aangewezen plekken. Carbidschieten mag met een ontheffing.

@vraag Parkeren met een elektrische auto en laadpalen
eigenaar: Openbare Ruimte
trefwoorden: laadpaal, elektrische auto, oplaadpunt, laadpaal aanvragen, ev
samenvatting: Een openbare laadpaal in de buurt vraagt de bewoner met een elektrische auto aan via de website. Plaatsing duurt ongeveer 6 maanden.
"""

# Words callers use for the same thing (the whole knowledge base).
SYNONIEMEN = [
    "kliko, minicontainer, container, vuilnisbak, afvalbak, afvalcontainer",
    "afval, vuilnis, huisvuil, rommel, restafval",
    "grofvuil, grof afval, bankstel, matras",
    "kwijt, verloren, vermist, zoek, zoekgeraakt",
    "paspoort, reisdocument",
    "id-kaart, identiteitskaart, identiteitsbewijs",
    "verhuizen, verhuizing, adreswijziging",
    "bijstand, uitkering, bijstandsuitkering",
    "wmo, thuiszorg, huishoudelijke hulp",
    "lantaarnpaal, straatlantaarn, straatverlichting, lantaarn",
    "stoep, stoeptegel, trottoir, voetpad",
    "trouwen, huwelijk, huwen",
    "overlijden, overleden, dood",
    "boete, bekeuring, bon, naheffingsaanslag",
    "aanslag, aanslagbiljet, belastingaanslag",
    "baby, geboorte, geboren",
    "schulden, schuld, geldzorgen",
]
