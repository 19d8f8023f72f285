#!/usr/bin/env python3
"""A syndicated-feeds corpus in German, Spanish and French (the format of ../shared/corpus/*), for `eval`.

feedmerge's development corpora are English; partners are not all. This writes 6 outlets (RSS and Atom),
17 wire stories of three invented agencies and 5 local ones, 64 items, with what syndication does in
those languages: house boilerplate above and below the text ("Lesen Sie auch:", "Lee también:"),
datelines glued to the lede ("MADRID, 17 nov (AIP) - "), edited headlines ("EILMELDUNG:", "ÚLTIMA HORA:"),
excerpts, a summary feed of first sentences, a desk that rewrites in Swiss style, and 7 hard-negative pairs
(a flood warning and the next day's damage report, two days of one trial, two matches of one club).
Every article, outlet, agency, person and domain is invented. Deterministic (a fixed-seed RNG).

    python3 bench/corpus_de_es_fr.py /tmp/corpus-de-es-fr && npm run eval -- /tmp/corpus-de-es-fr
"""
import html
import json
import math
import os
import random
import re
import sys
import unicodedata
import uuid
from datetime import datetime, timedelta, timezone

OUT = sys.argv[1] if len(sys.argv) > 1 else "corpus-de-es-fr"
RNG = random.Random(20261117)

AGENCIES = {
    "NAM": "Nachrichtenagentur Mitte (NAM)",
    "AIP": "Agencia Iberia Press (AIP)",
    "ARP": "Agence Rhône Presse (ARP)",
}

# --------------------------------------------------------------------------------------
# Wire stories (canonical agency text).  German wire uses „…“ and –, Spanish wire «…»,
# French wire « … » with non-breaking spaces (added by fr_wire()).
# --------------------------------------------------------------------------------------

STORIES = {}


def story(sid, lang, agency, place, anchor, kind, title, paras, caption="", tag=""):
    STORIES[sid] = dict(id=sid, lang=lang, agency=agency, place=place,
                        anchor=datetime(*anchor, tzinfo=timezone.utc), kind=kind,
                        title=title, paras=paras, caption=caption, tag=tag)


# ---------------------------------------------------------------- German (NAM) -------
story("de-flood-warning", "de", "NAM", "OBERHAIN", (2026, 11, 16, 14, 10), "weather",
      "Hochwasserwarnung für die Mirnitz: Behörden rechnen mit Pegel über fünf Meter", [
          "Das Landesamt für Umwelt und Gewässer hat am Montag für den Landkreis Oberhain die höchste Hochwasserwarnstufe ausgerufen. Nach anhaltendem Dauerregen rechnen die Behörden damit, dass der Pegel der Mirnitz bis Dienstagabend auf mehr als fünf Meter steigt.",
          "Seit Samstag sind im Einzugsgebiet des Flusses stellenweise mehr als 120 Liter Regen pro Quadratmeter gefallen. Die Böden seien vollständig gesättigt und könnten kein Wasser mehr aufnehmen, teilte das Amt mit. Der normale Wasserstand am Pegel Mirnitztal liegt bei etwa 1,40 Metern.",
          "Landrätin Petra Haberland (parteilos) berief am Nachmittag einen Krisenstab ein. „Wir nehmen die Lage sehr ernst und bereiten uns auf ein Hochwasser vor, wie wir es seit 2013 nicht mehr erlebt haben“, sagte sie nach der ersten Sitzung. Feuerwehr und Technisches Hilfswerk seien mit rund 400 Einsatzkräften im Einsatz.",
          "In Mirnitztal und Unterbrunn füllten Helferinnen und Helfer am Abend Tausende Sandsäcke. Die Gemeinden richteten an den Bauhöfen Ausgabestellen ein, an denen Anwohner Sandsäcke abholen können. Mehrere Straßen entlang des Ufers wurden vorsorglich gesperrt, darunter die Landesstraße zwischen Mirnitztal und Kehrbach.",
          "Die Behörden rieten Bewohnerinnen und Bewohnern tief gelegener Häuser, Keller zu räumen, Heizöltanks zu sichern und Fahrzeuge aus Tiefgaragen zu holen. Für Menschen, die ihre Wohnungen verlassen müssen, steht die Sporthalle der Gesamtschule Mirnitztal als Notunterkunft bereit.",
          "Schulen in den betroffenen Ortsteilen bleiben am Dienstag geschlossen. Auch der Busverkehr auf zwei Linien im Tal wurde eingestellt. Nach Angaben des Landesamts könnte der Regen in der Nacht zum Mittwoch nachlassen; Entwarnung geben wollten die Fachleute aber ausdrücklich noch nicht.",
      ], caption="Helfer füllen in Mirnitztal Sandsäcke.", tag="Mirnitztal")

story("de-flood-damage", "de", "NAM", "OBERHAIN", (2026, 11, 18, 10, 40), "weather",
      "Nach dem Hochwasser an der Mirnitz: Schäden in Millionenhöhe", [
          "Nach dem Hochwasser an der Mirnitz hat im Landkreis Oberhain das große Aufräumen begonnen. Die Schäden an Häusern, Straßen und Brücken belaufen sich nach einer ersten Schätzung des Landratsamts auf mindestens 35 Millionen Euro.",
          "Der Fluss hatte in der Nacht zum Mittwoch am Pegel Mirnitztal einen Höchststand von 5,32 Metern erreicht und damit den bisherigen Rekord aus dem Jahr 2013 um 18 Zentimeter übertroffen. In Unterbrunn und Teilen der Mirnitztaler Altstadt standen Straßen bis zu einem Meter unter Wasser.",
          "Menschen kamen nach Angaben der Polizei nicht zu Schaden. Rund 600 Bewohnerinnen und Bewohner hatten ihre Häuser vorübergehend verlassen müssen, die meisten konnten am Mittwochnachmittag zurückkehren. In der Notunterkunft in der Sporthalle übernachteten zeitweise 85 Menschen.",
          "„Was wir heute in den Kellern und Erdgeschossen sehen, ist für viele Familien bitter“, sagte Landrätin Petra Haberland bei einem Besuch in Unterbrunn. Sie kündigte einen Soforthilfefonds an, aus dem betroffene Haushalte unbürokratisch bis zu 5000 Euro erhalten sollen.",
          "Besonders schwer getroffen ist die Infrastruktur. Die Brücke der Kreisstraße bei Kehrbach wurde unterspült und bleibt bis auf Weiteres gesperrt, ein Gutachter soll ihre Standsicherheit prüfen. Auch das Klärwerk in Unterbrunn fiel für mehrere Stunden aus.",
          "Die Handwerkskammer rief Betriebe aus der Region auf, Trocknungsgeräte und Pumpen bereitzustellen. Versicherer rechnen mit einer hohen Zahl von Schadensmeldungen, denn nur etwa jedes zweite Wohngebäude im Landkreis ist gegen Elementarschäden versichert.",
          "Das Landesamt für Umwelt und Gewässer hob die höchste Warnstufe am Mittwochmittag auf. Für die kommenden Tage wird nur noch leichter Regen erwartet.",
      ], caption="Aufräumarbeiten in der Altstadt von Mirnitztal.", tag="Unterbrunn")

story("de-trial-day1", "de", "NAM", "WEIDENBURG", (2026, 11, 17, 11, 25), "court",
      "Untreue-Prozess gegen früheren Bürgermeister von Lindenau beginnt", [
          "Vor dem Landgericht Weidenburg hat am Dienstag der Prozess gegen den früheren Bürgermeister der Stadt Lindenau begonnen. Die Staatsanwaltschaft wirft dem 61-jährigen Klaus Rehbein Untreue in 14 Fällen vor; der Schaden für die Stadtkasse soll sich auf rund 1,2 Millionen Euro belaufen.",
          "Laut Anklage soll Rehbein zwischen 2019 und 2023 Aufträge für den Umbau des Lindenauer Freibads und die Sanierung des Rathauses an eine Baufirma vergeben haben, ohne die vorgeschriebenen Ausschreibungen durchzuführen. Die Rechnungen seien dabei deutlich überhöht gewesen.",
          "Zum Auftakt verlas Oberstaatsanwältin Sabine Krüger die 46 Seiten lange Anklageschrift. Rehbein, der die Stadt zwölf Jahre lang geführt hatte, verfolgte die Verlesung regungslos. Zu den Vorwürfen äußerte er sich zunächst nicht.",
          "Sein Verteidiger Martin Oswald kündigte eine Erklärung für einen späteren Verhandlungstag an. „Mein Mandant wird sich umfassend äußern, aber nicht heute“, sagte er vor Journalisten. Die Anklage stütze sich im Wesentlichen auf Vermutungen.",
          "Mitangeklagt ist der 55 Jahre alte Geschäftsführer der beauftragten Baufirma. Ihm wird Beihilfe zur Untreue sowie Betrug vorgeworfen. Auch er schwieg am ersten Verhandlungstag.",
          "Die Ermittlungen waren 2023 ins Rollen gekommen, nachdem der Rechnungsprüfungsausschuss des Stadtrats Unregelmäßigkeiten in den Abrechnungen festgestellt hatte. Rehbein trat kurz darauf aus gesundheitlichen Gründen zurück.",
          "Die Kammer hat zunächst zwölf Verhandlungstage angesetzt. Ein Urteil könnte Ende Januar fallen. Bei einer Verurteilung wegen Untreue in einem besonders schweren Fall drohen bis zu zehn Jahre Haft.",
      ], caption="Der Angeklagte im Saal des Landgerichts Weidenburg.", tag="Lindenau")

story("de-trial-day3", "de", "NAM", "WEIDENBURG", (2026, 11, 19, 13, 50), "court",
      "Lindenauer Untreue-Prozess: Frühere Kämmerin belastet Ex-Bürgermeister", [
          "Im Untreue-Prozess gegen den früheren Lindenauer Bürgermeister Klaus Rehbein hat die ehemalige Kämmerin der Stadt den Angeklagten schwer belastet. Rehbein habe sie mehrfach angewiesen, Rechnungen der Baufirma ohne Prüfung freizugeben, sagte die 48-Jährige am Donnerstag vor dem Landgericht Weidenburg.",
          "„Er hat gesagt, das sei Chefsache und ich solle mich nicht einmischen“, schilderte die Zeugin am dritten Verhandlungstag. Als sie 2021 auf eine Rechnung über 180.000 Euro für Fliesenarbeiten im Freibad hingewiesen habe, die doppelt so hoch gewesen sei wie das Angebot, habe Rehbein ihr mit einer Versetzung gedroht.",
          "Die Kämmerin hatte nach eigener Aussage Kopien der Rechnungen in einem privaten Ordner gesammelt. Diesen übergab sie später dem Rechnungsprüfungsausschuss. Die Unterlagen gelten als zentrales Beweismittel der Anklage.",
          "Verteidiger Martin Oswald stellte die Glaubwürdigkeit der Zeugin infrage. Sie habe sich selbst Hoffnungen auf das Bürgermeisteramt gemacht und sei mit Rehbein seit Jahren zerstritten gewesen. Die Zeugin wies das zurück: Sie habe nie für ein politisches Amt kandidiert.",
          "Rehbein selbst verfolgte die Aussage mit verschränkten Armen. Die angekündigte Erklärung zu den Vorwürfen gab er auch am Donnerstag nicht ab. Sein Anwalt stellte sie nun für die kommende Woche in Aussicht.",
          "Zuvor hatte das Gericht einen Bauingenieur gehört, der im Auftrag der Staatsanwaltschaft die Arbeiten am Freibad begutachtet hatte. Nach seiner Einschätzung lagen die abgerechneten Preise im Schnitt um 40 Prozent über dem marktüblichen Niveau.",
          "Der Prozess wird am Dienstag fortgesetzt. Dann sollen zwei Mitarbeiter des Bauamts aussagen.",
      ], caption="Verhandlungssaal im Landgericht Weidenburg.", tag="Freibad")

story("de-football-league", "de", "NAM", "RHEINFELD", (2026, 11, 21, 15, 5), "sport",
      "FC Rheinfeld dreht Spiel gegen Eichstetten und springt auf Platz zwei", [
          "Der FC Rheinfeld hat nach einem Rückstand einen 3:1-Heimsieg gegen den SV Eichstetten gefeiert und ist in der Regionalliga auf den zweiten Tabellenplatz geklettert. Vor 8400 Zuschauern im Stadion am Kanal trafen Jonas Weidner, Emre Aydın und Lukas Brandt.",
          "Dabei hatten die Gäste den besseren Start erwischt. Nach einem Ballverlust im Mittelfeld brachte Marco Specht Eichstetten in der 12. Minute in Führung.",
          "Rheinfeld brauchte eine Weile, um sich von dem frühen Gegentor zu erholen. Kurz vor der Pause glich Weidner mit einem Kopfball nach einer Ecke von Kapitän Tim Hollerbach aus.",
          "Nach dem Seitenwechsel drängten die Gastgeber auf die Führung. In der 58. Minute traf Aydın mit einem Distanzschuss aus 20 Metern in den Winkel. Der eingewechselte Brandt sorgte in der Nachspielzeit mit einem Konter für die Entscheidung.",
          "„Die erste halbe Stunde war nicht gut, aber die Mannschaft hat Charakter gezeigt“, sagte Trainer Frank Seidel nach dem Spiel. Sein Eichstettener Kollege Dirk Oberle haderte mit der Chancenverwertung seines Teams: „Beim Stand von 1:1 müssen wir das zweite Tor machen.“",
          "Für Rheinfeld war es der vierte Sieg in Folge in der Liga. Drei Tage nach dem Pokal-Aus gegen Borussia Talheim gelang der Mannschaft damit eine schnelle Wiedergutmachung. Am kommenden Samstag tritt der FC beim Tabellenführer in Waldbronn an.",
      ], caption="Jubel beim FC Rheinfeld im Stadion am Kanal.", tag="Stadion am Kanal")

story("de-football-cup", "de", "NAM", "RHEINFELD", (2026, 11, 18, 20, 45), "sport",
      "Pokal-Aus für den FC Rheinfeld: 0:2 gegen Borussia Talheim", [
          "Der FC Rheinfeld ist in der zweiten Runde des Landespokals ausgeschieden. Der Regionalligist verlor am Mittwochabend vor 5100 Zuschauern im Stadion am Kanal mit 0:2 gegen den Oberligisten Borussia Talheim.",
          "Die Gäste gingen bereits in der 9. Minute durch einen Foulelfmeter in Führung. Nico Barth verwandelte sicher, nachdem Rheinfelds Innenverteidiger Paul Kranz den Talheimer Stürmer Ali Demir im Strafraum zu Fall gebracht hatte.",
          "Rheinfeld hatte danach deutlich mehr Ballbesitz, fand aber kaum Mittel gegen die tief stehende Abwehr der Borussia. Die beste Chance vergab Jonas Weidner kurz vor der Pause, als er freistehend am Torwart scheiterte.",
          "In der 71. Minute machte Demir mit einem Schuss ins kurze Eck alles klar. Trainer Frank Seidel hatte zuvor mit Lukas Brandt und Emre Aydın zwei zusätzliche Offensivkräfte gebracht, doch auch das half nicht.",
          "„Das ist eine bittere Niederlage, und sie ist verdient“, sagte Seidel. „Wir waren heute in den entscheidenden Momenten nicht konsequent genug.“ Talheims Trainer Uwe Marquardt sprach vom „größten Erfolg der Vereinsgeschichte“.",
          "Für Talheim ist es das erste Mal, dass der Verein das Achtelfinale des Landespokals erreicht. Dem Amateurclub winken nun Einnahmen aus einem möglichen Heimspiel gegen einen Zweitligisten. Rheinfeld muss sich dagegen auf die Liga konzentrieren, wo am Samstag das Heimspiel gegen den SV Eichstetten ansteht.",
      ], caption="Enttäuschte Rheinfelder Spieler nach dem Schlusspfiff.", tag="Borussia Talheim")

story("de-kessler-jobs", "de", "NAM", "SCHMALFELD", (2026, 11, 17, 9, 15), "business",
      "Kessler Werkzeugbau streicht 400 Stellen in Schmalfeld", [
          "Der Maschinenbauer Kessler Werkzeugbau will an seinem Stammsitz in Schmalfeld rund 400 Arbeitsplätze abbauen. Das Unternehmen begründete den Schritt am Dienstag mit einem anhaltenden Auftragsrückgang aus der Autoindustrie und hohen Energiekosten.",
          "Betroffen sind vor allem die Fertigung von Pressenwerkzeugen und die Verwaltung. Der Abbau soll bis Ende 2027 abgeschlossen sein und nach Möglichkeit ohne betriebsbedingte Kündigungen erfolgen, etwa über Altersteilzeit und Abfindungsprogramme. In Schmalfeld arbeiten derzeit rund 1900 Menschen für Kessler.",
          "„Diese Entscheidung ist uns nicht leichtgefallen“, sagte Vorstandschefin Andrea Kessler-Wirth, die das Familienunternehmen in vierter Generation führt. Ohne die Anpassung sei die Wettbewerbsfähigkeit des Standorts jedoch gefährdet. Der Umsatz sei in den ersten neun Monaten des Jahres um 17 Prozent auf 310 Millionen Euro gesunken.",
          "Gleichzeitig kündigte das Unternehmen an, 60 Millionen Euro in ein neues Werk in Tschechien zu investieren. Dort sollen bis 2028 etwa 250 Stellen entstehen.",
          "Die Gewerkschaft reagierte empört. „Hier werden Arbeitsplätze aus Schmalfeld ins Ausland verlagert, und das nennt man dann Anpassung“, sagte Gewerkschaftssekretär Thomas Gruber. Der Betriebsrat kündigte an, um jeden Arbeitsplatz zu kämpfen, und forderte eine Standortgarantie bis 2030.",
          "Schmalfelds Bürgermeister Jens Mahler sprach von einem „schweren Schlag“ für die Stadt. Kessler ist der größte Arbeitgeber und Gewerbesteuerzahler der Region. Die Landesregierung bot Gespräche über mögliche Hilfen an.",
      ], caption="Das Stammwerk von Kessler Werkzeugbau in Schmalfeld.", tag="Betriebsrat")

story("de-roman-villa", "de", "NAM", "OBERWINKEL", (2026, 11, 19, 10, 30), "science",
      "Archäologen entdecken römischen Gutshof bei Oberwinkel", [
          "Bei Bauarbeiten für ein Neubaugebiet in Oberwinkel sind Archäologen auf die Überreste eines römischen Gutshofs gestoßen. Die Anlage stammt nach ersten Untersuchungen aus dem zweiten Jahrhundert nach Christus und ist ungewöhnlich gut erhalten, wie das Landesamt für Denkmalpflege am Donnerstag mitteilte.",
          "Freigelegt wurden bislang die Grundmauern eines etwa 40 Meter langen Hauptgebäudes, ein Badehaus mit Fußbodenheizung sowie mehrere Nebengebäude. Unter den Funden sind Keramikscherben, Münzen aus der Regierungszeit Kaiser Hadrians und ein nahezu vollständig erhaltener Bronzekrug.",
          "„Einen Fund in dieser Qualität macht man in unserer Region vielleicht einmal in zwanzig Jahren“, sagte Grabungsleiterin Dr. Miriam Falk. Besonders bemerkenswert seien Reste von Wandmalereien in roter und ockergelber Farbe, die auf einen wohlhabenden Besitzer schließen ließen.",
          "Die Fachleute gehen davon aus, dass der Gutshof Getreide und Wein für die Garnisonen am nahe gelegenen Limes produzierte. Er wurde vermutlich im dritten Jahrhundert aufgegeben, als germanische Verbände die Region zunehmend unter Druck setzten.",
          "Für die Gemeinde bedeutet der Fund zunächst eine Verzögerung. Die Erschließung des Baugebiets mit 45 Bauplätzen ruht, bis die Grabungen abgeschlossen sind, voraussichtlich im Frühjahr. Bürgermeisterin Heike Sommer nahm es gelassen: „Auf ein paar Monate kommt es nach 1800 Jahren nicht an.“",
          "Am Samstag und Sonntag können Interessierte die Grabungsstelle bei Führungen besichtigen. Ausgewählte Fundstücke sollen später im Heimatmuseum Oberwinkel gezeigt werden.",
      ], caption="Grundmauern des Badehauses auf der Grabungsfläche.", tag="Limes")

# ---------------------------------------------------------------- Spanish (AIP) ------
story("es-lez-vallfresca", "es", "AIP", "VALLFRESCA", (2026, 11, 16, 13, 20), "politics",
      "Vallfresca aprueba su zona de bajas emisiones con los votos del gobierno municipal", [
          "El pleno del Ayuntamiento de Vallfresca aprobó este lunes la ordenanza de la zona de bajas emisiones, que restringirá a partir del 1 de marzo la entrada al centro histórico de los vehículos más contaminantes. La medida salió adelante con 14 votos a favor y 11 en contra tras un debate de más de tres horas.",
          "La nueva zona abarca unas 90 hectáreas del casco antiguo y del ensanche. Los turismos sin etiqueta ambiental no podrán circular por ella de lunes a viernes entre las 7.00 y las 20.00 horas, salvo los vehículos de residentes empadronados, que contarán con un periodo de adaptación de dos años.",
          "«Vallfresca respira peor de lo que debería y tenemos la obligación de actuar», defendió la concejala de Movilidad, Marta Soler, durante el pleno. Según los datos municipales, la concentración de dióxido de nitrógeno en la avenida del Puerto superó el año pasado el límite recomendado en 38 ocasiones.",
          "La oposición votó en bloque en contra. Su portavoz, Ramón Albiol, calificó la ordenanza de «recaudatoria» y advirtió de que perjudicará al pequeño comercio del centro. Su grupo anunció que estudiará recurrirla ante los tribunales.",
          "Las multas por acceder sin autorización serán de 200 euros, aunque durante los tres primeros meses la policía local solo emitirá avisos informativos. El ayuntamiento instalará 22 cámaras de lectura de matrículas en los accesos.",
          "Como medida complementaria, el consistorio ampliará la frecuencia de las líneas de autobús urbano y habilitará dos aparcamientos disuasorios gratuitos con 600 plazas en total. La asociación de vecinos del casco antiguo valoró positivamente la ordenanza, pero pidió más controles para evitar el tráfico de paso por las calles residenciales.",
      ], caption="Tráfico en la avenida del Puerto de Vallfresca.", tag="avenida del Puerto")

story("es-murillo-canvas", "es", "AIP", "ALMENARA", (2026, 11, 18, 11, 0), "culture",
      "El Museo de Almenara recupera un lienzo del taller de Murillo desaparecido hace 80 años", [
          "El Museo de Bellas Artes de Almenara ha recuperado una pintura del taller de Bartolomé Esteban Murillo que se daba por perdida desde la Guerra Civil. El lienzo, una Inmaculada Concepción de casi dos metros de alto, apareció en una subasta en Londres y fue adquirido por 340.000 euros.",
          "La obra formaba parte de la colección del convento de Santa Clara de Almenara hasta 1936, cuando desapareció durante el saqueo del edificio. Su rastro se perdió durante décadas, hasta que una investigadora del museo la identificó el pasado mes de marzo en el catálogo de una casa de subastas británica.",
          "«Cuando vi la fotografía supe enseguida que era nuestra Inmaculada; las medidas, el marco y una pequeña rotura en el manto coincidían con las fotografías de archivo», explicó la conservadora Elena Casares en la presentación de la pieza este miércoles.",
          "Tras comprobar la procedencia, el museo negoció con el vendedor, un coleccionista privado que la había heredado, y la compra se financió con fondos de la Junta y de una fundación bancaria.",
          "La directora del museo, Pilar Garrido, subrayó que los análisis técnicos confirman la participación de varios pintores del taller de Murillo y probablemente la mano del propio maestro en el rostro de la Virgen. «Es una pieza de enorme valor artístico y sentimental para la ciudad», afirmó.",
          "El cuadro se someterá ahora a una restauración de seis meses para limpiar los barnices oxidados y consolidar varias zonas de pintura levantada. Podrá verse en la sala principal del museo a partir de junio, junto a una exposición documental sobre su historia.",
      ], caption="La Inmaculada recuperada, durante su presentación en el museo.", tag="Santa Clara")

story("es-ferran-valencia", "es", "AIP", "VALENCIA", (2026, 11, 15, 18, 30), "sport",
      "Lucía Ferrán gana el Trofeo Ciudad de Valencia y logra su primer título del circuito", [
          "La tenista alicantina Lucía Ferrán conquistó este domingo el Trofeo Ciudad de Valencia, su primer título en el circuito profesional, tras derrotar en la final a la checa Tereza Novotná por 6-4, 3-6 y 7-5 en dos horas y 41 minutos de partido.",
          "Ferrán, de 21 años y número 87 del ranking mundial, llegó a la final desde la fase previa y encadenó siete victorias consecutivas en la pista central del club, que colgó el cartel de no hay billetes con más de 4.000 espectadores.",
          "El partido se decidió en el tercer set. Novotná llegó a disponer de una bola de rotura para ponerse 5-4 y saque, pero Ferrán la salvó con un revés paralelo y, dos juegos más tarde, cerró el encuentro con su décimo saque directo.",
          "«Todavía no me lo creo. Hace un año estaba jugando torneos pequeños y hoy he ganado delante de mi familia y de mucha gente que me ha apoyado toda la semana», declaró la española, visiblemente emocionada, en la ceremonia de entrega de trofeos.",
          "Con el título, Ferrán se embolsa 34.000 euros y subirá el lunes hasta el puesto 61 de la clasificación mundial, el mejor de su carrera. Su entrenador, Jordi Pastor, destacó la madurez de la jugadora en los momentos decisivos.",
          "La alicantina disputará la próxima semana el Open de Bilbao, último torneo de la temporada en pista dura cubierta, donde partirá como cabeza de serie número seis.",
      ], caption="Lucía Ferrán levanta el trofeo en la pista central.", tag="Novotná")

story("es-ferran-bilbao", "es", "AIP", "BILBAO", (2026, 11, 21, 17, 40), "sport",
      "Lucía Ferrán cae en semifinales del Open de Bilbao ante Ana Lindqvist", [
          "La racha de Lucía Ferrán terminó este sábado en las semifinales del Open de Bilbao, donde la tenista alicantina cayó ante la sueca Ana Lindqvist, segunda cabeza de serie, por 6-2 y 7-6 (4).",
          "Ferrán, que la semana pasada había ganado en Valencia su primer título profesional, acusó el cansancio acumulado en un primer set en el que solo logró mantener su servicio en una ocasión. Lindqvist, muy sólida desde el fondo de la pista, cerró la manga en 31 minutos.",
          "En la segunda, la española mejoró con el saque y llegó a tener un punto de set con 5-4, que la sueca salvó con una dejada. El desempate fue igualado hasta el 4-4, pero dos errores no forzados de Ferrán decidieron el partido.",
          "«Le he dado todo lo que tenía. Han sido dos semanas increíbles, pero hoy el cuerpo no respondía como otros días», reconoció Ferrán, que arrastraba molestias en el hombro derecho desde los cuartos de final.",
          "Pese a la derrota, la alicantina cierra el año con un balance de 11 victorias en sus últimos 12 partidos y entrará el lunes entre las 55 mejores del mundo. Su entrenador, Jordi Pastor, anunció que la jugadora descansará tres semanas antes de comenzar la pretemporada.",
          "Lindqvist se enfrentará en la final del domingo a la francesa Camille Arnaud, que se impuso a la estadounidense Megan Cole por 7-5 y 6-3.",
      ], caption="Lucía Ferrán, durante la semifinal en Bilbao.", tag="Lindqvist")

story("es-iberviento-results", "es", "AIP", "MADRID", (2026, 11, 17, 8, 5), "business",
      "Iberviento gana 212 millones hasta septiembre, un 28 % más, impulsada por el turismo", [
          "La aerolínea Iberviento obtuvo un beneficio neto de 212 millones de euros en los nueve primeros meses del año, un 28 % más que en el mismo periodo de 2025, gracias al tirón del turismo internacional y a la mejora de las tarifas medias.",
          "Los ingresos de la compañía crecieron un 11 % hasta los 2.940 millones, según la información remitida este martes al supervisor bursátil. La aerolínea transportó 19,6 millones de pasajeros, un récord histórico, con una ocupación media del 87 %.",
          "El tercer trimestre, que coincide con la temporada alta de verano, concentró la mayor parte del beneficio. Las rutas entre la península y Canarias y los nuevos vuelos a Marruecos y Portugal fueron las que más crecieron.",
          "«Hemos hecho el mejor verano de nuestra historia y llegamos al invierno con una posición financiera sólida», afirmó el consejero delegado, Andrés Lozano, en una conferencia con analistas. La empresa redujo su deuda neta hasta los 640 millones.",
          "Iberviento confirmó la llegada de seis nuevos aviones en 2027 y mantiene su previsión de cerrar el año con un beneficio superior a los 230 millones. Las acciones subieron un 4,2 % en la bolsa tras la publicación de los resultados.",
          "Los sindicatos de tripulantes de cabina aprovecharon las cifras para reclamar una subida salarial. «Si hay beneficios récord, también tiene que haber salarios dignos», señaló el sindicato mayoritario, que mantiene convocada una huelga para el jueves.",
      ], caption="Un avión de Iberviento en la pista.", tag="Andrés Lozano")

story("es-iberviento-strike", "es", "AIP", "MADRID", (2026, 11, 19, 9, 30), "business",
      "La huelga de tripulantes de Iberviento obliga a cancelar 120 vuelos", [
          "La huelga de tripulantes de cabina de Iberviento ha obligado este jueves a cancelar 120 vuelos, casi una cuarta parte de las operaciones previstas por la aerolínea, y ha afectado a unos 16.000 pasajeros en aeropuertos de toda España.",
          "Los aeropuertos más afectados fueron los de Madrid, Barcelona y Palma, donde se registraron largas colas en los mostradores de la compañía desde primera hora de la mañana. Los servicios mínimos fijados por el Ministerio de Transportes garantizaban los vuelos a las islas y buena parte de los internacionales.",
          "El paro, de 24 horas, fue convocado por los dos sindicatos mayoritarios para reclamar una subida salarial del 9 % en dos años y mejoras en los descansos. La empresa ofrece un 4,5 % y vincula cualquier incremento adicional a la productividad.",
          "«La plantilla ha hecho posible un verano récord y ahora solo pide su parte», declaró la portavoz sindical Carmen Villalba a las puertas de la terminal 4 del aeropuerto de Madrid. El seguimiento, según los sindicatos, superó el 80 %.",
          "Iberviento lamentó las molestias y recordó que los pasajeros afectados pueden elegir entre el reembolso del billete o la recolocación sin coste en otro vuelo. La dirección calificó la huelga de «desproporcionada» a la vista de los resultados que presentó el martes, con un beneficio de 212 millones hasta septiembre.",
          "Las dos partes están convocadas a una nueva reunión de mediación el lunes. Si no hay acuerdo, los sindicatos amenazan con nuevos paros durante el puente de diciembre.",
      ], caption="Pasajeros ante los mostradores de Iberviento.", tag="Carmen Villalba")

# ---------------------------------------------------------------- French (ARP) -------
story("fr-theatre-montclair", "fr", "ARP", "MONTCLAIR", (2026, 11, 20, 21, 30), "culture",
      "Le théâtre municipal de Montclair rouvre après trois ans de travaux", [
          "Le théâtre municipal de Montclair a rouvert ses portes vendredi soir, après trois ans de travaux de rénovation et un chantier dont le coût a atteint 24 millions d'euros, soit six millions de plus que prévu.",
          "Construit en 1887, le bâtiment à l'italienne avait fermé en 2023 pour des raisons de sécurité. Les travaux ont permis de restaurer les décors de la salle, de remplacer l'ensemble de la machinerie de scène et de rendre l'édifice accessible aux personnes à mobilité réduite.",
          "« Nous rendons aux habitants un lieu qui leur appartient depuis près de 140 ans », a déclaré la maire, Sophie Garnier, avant la représentation inaugurale, une création de l'orchestre régional devant une salle comble de 720 spectateurs.",
          "Le dépassement budgétaire a suscité des critiques de l'opposition municipale, qui dénonce un « manque de contrôle » du chantier. La municipalité l'explique par la découverte d'une charpente plus dégradée que prévu et par la hausse du prix des matériaux.",
          "La nouvelle directrice, Claire Mounier, veut faire du théâtre un lieu ouvert toute la journée, avec un café, des visites guidées et des ateliers pour les scolaires. La saison comptera une soixantaine de spectacles, dont un tiers de créations régionales.",
          "Les premières visites publiques du bâtiment sont prévues samedi et dimanche, sur réservation auprès de l'office de tourisme.",
      ], caption="La salle à l'italienne restaurée.", tag="Claire Mounier")

story("fr-sodium-battery", "fr", "ARP", "CHAMBÉRY", (2026, 11, 18, 14, 0), "science",
      "Une équipe de Chambéry développe une batterie au sodium sans métaux rares", [
          "Une équipe de l'Institut alpin des matériaux, à Chambéry, a présenté mercredi un prototype de batterie au sodium qui se passe entièrement de lithium, de cobalt et de nickel. Selon ses concepteurs, elle pourrait servir d'ici cinq ans au stockage de l'électricité produite par les panneaux solaires domestiques.",
          "Le dispositif repose sur une cathode à base de fer et de manganèse, deux métaux abondants et bon marché. En laboratoire, la batterie a conservé 92 % de sa capacité après 3000 cycles de charge, un résultat publié dans une revue scientifique spécialisée.",
          "« Le sodium est présent partout, dans le sel de mer comme dans le sol. C'est une réponse possible à notre dépendance aux importations de métaux critiques », explique le chimiste Antoine Berthier, qui dirige le projet depuis quatre ans.",
          "La technologie a toutefois ses limites. À poids égal, la batterie stocke environ 30 % d'énergie de moins qu'une batterie lithium-ion classique, ce qui la rend peu adaptée aux voitures électriques. Elle supporte en revanche mieux le froid, un atout pour les régions de montagne.",
          "Une start-up issue du laboratoire doit lancer en 2027 une ligne pilote dans la vallée de la Maurienne. Elle a levé huit millions d'euros auprès d'investisseurs régionaux et d'un fonds public.",
          "Plusieurs industriels européens travaillent sur des technologies similaires, mais l'équipe chambérienne affirme avoir obtenu une durée de vie parmi les plus longues publiées à ce jour.",
      ], caption="Le prototype dans le laboratoire de Chambéry.", tag="Antoine Berthier")

story("fr-early-snow", "fr", "ARP", "GRENOBLE", (2026, 11, 16, 9, 45), "weather",
      "Chutes de neige précoces : plusieurs cols alpins fermés, des milliers de foyers sans électricité", [
          "D'importantes chutes de neige, inhabituelles pour la mi-novembre, ont provoqué lundi la fermeture de plusieurs cols alpins et privé d'électricité quelque 8000 foyers en Savoie et en Isère.",
          "Il est tombé jusqu'à 60 centimètres de neige fraîche au-dessus de 1200 mètres d'altitude en l'espace de 24 heures. Les cols de la Brenaz et du Merlet ont été fermés à la circulation, de même que plusieurs routes départementales de moyenne montagne.",
          "Sur l'autoroute, la circulation des poids lourds a été interdite pendant plusieurs heures entre Chambéry et Albertville. Des dizaines de camions ont dû stationner sur des aires d'attente.",
          "Le poids de la neige sur les arbres, encore couverts de feuilles, a causé de nombreuses chutes de branches sur les lignes électriques. « Nous avons mobilisé 250 techniciens, mais certains secteurs ne seront pas rétablis avant mardi soir », a indiqué le gestionnaire du réseau.",
          "Les transports scolaires ont été suspendus dans une quarantaine de communes. Les services météorologiques ont placé les deux départements en vigilance orange neige-verglas jusqu'à mardi matin.",
          "Dans les stations, l'ambiance était plutôt à la fête : plusieurs domaines envisagent d'avancer leur ouverture, prévue d'ordinaire début décembre, si le froid se maintient.",
      ], caption="Une route enneigée au-dessus de Chambéry.", tag="Albertville")

# ---------------------------------------------------------------- Singletons ---------
# Own reports of one outlet each (agency=None).
story("de-single-rheinfeld-coach", "de", None, None, (2026, 11, 20, 12, 0), "sport",
      "FC Rheinfeld verlängert mit Trainer Frank Seidel bis 2028", [
          "Der FC Rheinfeld setzt langfristig auf Frank Seidel. Der Regionalligist hat den Vertrag mit seinem Cheftrainer vorzeitig bis zum Sommer 2028 verlängert, wie der Verein am Freitag mitteilte.",
          "Seidel hatte die Mannschaft im Herbst 2024 auf einem Abstiegsplatz übernommen und in der vergangenen Saison auf Rang fünf geführt. Derzeit steht der FC auf dem dritten Tabellenplatz.",
          "„Frank hat hier etwas aufgebaut, und wir wollen diesen Weg gemeinsam weitergehen“, sagte Sportvorstand Bernd Lauer. Die Verlängerung sei bereits vor dem Pokal-Aus gegen Talheim unter Dach und Fach gewesen, betonte er.",
          "Seidel selbst sprach von einer „Herzensentscheidung“. Er fühle sich in Rheinfeld wohl und sehe in der jungen Mannschaft noch viel Potenzial.",
          "Unter Seidel hat sich der Verein vor allem im Nachwuchsbereich neu aufgestellt. Sieben Spieler aus der eigenen Jugend standen in dieser Saison bereits im Kader der ersten Mannschaft, zwei von ihnen gehören inzwischen zur Stammelf.",
          "Über die Vertragsdetails vereinbarten beide Seiten Stillschweigen. Nach Informationen der Rheinpost enthält der neue Vertrag jedoch eine Ausstiegsklausel für den Fall eines Angebots aus einer höheren Liga.",
          "Auch Co-Trainer Sven Ahrens bleibt bis 2028. Am Samstag empfängt der FC im Stadion am Kanal den SV Eichstetten.",
      ])

story("de-single-elbstadt-market", "de", None, None, (2026, 11, 18, 7, 30), "culture",
      "Elbstädter Weihnachtsmarkt öffnet schon eine Woche früher", [
          "Der Weihnachtsmarkt auf dem Elbstädter Neumarkt öffnet in diesem Jahr eine Woche früher als gewohnt. Wie die Stadtverwaltung am Dienstag mitteilte, sollen die ersten Buden bereits am kommenden Freitag öffnen.",
          "Grund ist der Wunsch vieler Händler nach einer längeren Saison. Insgesamt werden 142 Stände erwartet, zwölf mehr als im Vorjahr.",
          "Neu ist eine Eisbahn am Elbufer, die bis Mitte Januar geöffnet bleiben soll. Der Eintritt kostet für Erwachsene 6 Euro, Kinder unter zwölf Jahren laufen kostenlos.",
          "„Wir wollen, dass die Menschen nicht nur zum Glühwein kommen, sondern einen ganzen Nachmittag bleiben“, sagte Marktleiterin Kerstin Vogt.",
          "Geöffnet ist der Markt täglich von 11 bis 21 Uhr, freitags und samstags bis 22 Uhr. Für Familien gibt es erstmals einen eigenen Bereich mit Kinderkarussell, Märchenbühne und Bastelstube.",
          "Auch das Sicherheitskonzept wurde überarbeitet. An den Zufahrten zum Neumarkt werden zusätzliche Poller aufgestellt, zudem sollen an den Wochenenden mehr Ordnungskräfte unterwegs sein.",
          "Wegen der Aufbauarbeiten ist der Neumarkt ab Montag für den Autoverkehr gesperrt. Die Buslinien 3 und 7 werden umgeleitet.",
      ], caption="Der Neumarkt im vergangenen Advent.", tag="Neumarkt")

story("de-single-seeburg-bikeway", "de", None, None, (2026, 11, 19, 16, 20), "politics",
      "Seeburg: Gemeinderat bewilligt Veloweg am Seeufer", [
          "Der Gemeinderat von Seeburg hat am Mittwochabend den Bau eines neuen Velowegs entlang des Seeufers bewilligt. Der rund 2,4 Kilometer lange Abschnitt soll die Lücke zwischen dem Strandbad und dem Bahnhof Seeburg-Nord schliessen.",
          "Heute müssen Velofahrerinnen und Velofahrer auf diesem Abschnitt die stark befahrene Kantonsstrasse benützen. Seit 2020 kam es dort zu elf Unfällen mit Verletzten, wie aus der Botschaft hervorgeht. Der neue Weg soll drei Meter breit und nachts beleuchtet sein.",
          "Das Projekt kostet gemäss Botschaft des Gemeinderats 3,8 Millionen Franken, wovon der Kanton rund 40 Prozent übernimmt. Der Entscheid fiel mit 27 zu 9 Stimmen.",
          "Umstritten war vor allem die Fällung von 31 Bäumen entlang der Uferstrasse. «Für jeden gefällten Baum pflanzen wir zwei neue», versprach Bauvorsteherin Regula Affolter.",
          "Die Fraktion der Bürgerlichen Mitte lehnte den Kredit ab. Ihr Sprecher Markus Gerber bezeichnete das Projekt als «Luxuslösung» und schlug eine günstigere Variante mit markierten Velostreifen vor.",
          "Die Gegner kündigten an, das Referendum zu prüfen. Kommt es nicht zustande, könnten die Bauarbeiten im Herbst 2027 beginnen.",
      ])

story("es-single-almenara-cruise", "es", None, None, (2026, 11, 17, 10, 10), "business",
      "El puerto de Almenara despide la temporada de cruceros con un récord de visitantes", [
          "El puerto de Almenara despidió este martes la temporada de cruceros con la escala del «Aurora Serenade», un buque de 2.800 pasajeros que cerró un año récord para la terminal.",
          "En total, 74 cruceros han hecho escala en la ciudad desde marzo, con más de 152.000 pasajeros, un 19 % más que el año anterior, según los datos de la Autoridad Portuaria.",
          "El comercio del centro histórico ha notado el efecto. «Los días de crucero vendemos el doble», asegura Rosario Medina, propietaria de una tienda de cerámica en la calle Real.",
          "La Autoridad Portuaria calcula que cada crucerista gasta una media de 62 euros durante su visita, lo que supone un impacto económico directo de más de nueve millones de euros en la ciudad.",
          "No todos ven con buenos ojos el crecimiento. La asociación vecinal del barrio de la Marina ha pedido limitar a dos los buques diarios durante el verano para evitar la saturación de las calles del centro, una propuesta que el ayuntamiento se ha comprometido a estudiar.",
          "La Autoridad Portuaria prevé invertir 12 millones de euros en ampliar la terminal de pasajeros antes de 2028. Las primeras escalas de la próxima temporada están previstas para finales de febrero.",
      ])

story("es-single-meseta-library", "es", None, None, (2026, 11, 18, 12, 45), "culture",
      "La biblioteca municipal de Villanueva del Campo cerrará hasta abril por obras", [
          "La biblioteca municipal de Villanueva del Campo cerrará sus puertas el próximo lunes para acometer unas obras de reforma que se prolongarán hasta abril, según informó este miércoles el ayuntamiento.",
          "Los trabajos, con un presupuesto de 480.000 euros, incluyen la sustitución de la cubierta, la mejora del aislamiento y la instalación de un ascensor. Se financian en parte con fondos europeos.",
          "Durante el cierre, el servicio de préstamo se trasladará al centro cívico de la plaza Mayor, que abrirá de lunes a viernes por las tardes. La sala de estudio se habilitará en el antiguo colegio de San Roque.",
          "La biblioteca, inaugurada en 1989, recibe cada año unas 35.000 visitas y cuenta con un fondo de más de 28.000 volúmenes. Los clubes de lectura y los talleres infantiles se mantendrán durante las obras en la casa de cultura, con los mismos horarios.",
          "El ayuntamiento recuerda que los préstamos que venzan durante el cierre se prorrogarán automáticamente hasta la reapertura.",
          "«Era una reforma muy necesaria; en invierno los usuarios tenían que estudiar con el abrigo puesto», explicó la concejala de Cultura, Beatriz Arranz.",
      ])

# --------------------------------------------------------------------------------------
# Hand-written desk rewrites (Seeland-Bote, Swiss German house style: ss, «», Swiss words).
# Rules followed: first sentence kept, ~25-40 % of sentences dropped, ~1 word in 10
# swapped for a synonym, one non-lead paragraph moved.
# --------------------------------------------------------------------------------------
REWRITES = {
    "de-flood-warning": dict(
        title="Mirnitz: Behörden warnen vor Hochwasser mit über fünf Metern Pegel",
        paras=[
            "Das Landesamt für Umwelt und Gewässer hat am Montag für den Landkreis Oberhain die höchste Hochwasser-Warnstufe verhängt. Nach tagelangem Dauerregen gehen die Behörden davon aus, dass der Pegel der Mirnitz bis Dienstagabend auf über fünf Meter ansteigt.",
            "Seit Samstag fielen im Einzugsgebiet des Flusses teilweise mehr als 120 Liter Regen pro Quadratmeter. Normalerweise liegt der Wasserstand am Pegel Mirnitztal bei rund 1,40 Metern.",
            "Landrätin Petra Haberland (parteilos) rief am Nachmittag einen Krisenstab zusammen. «Wir nehmen die Lage sehr ernst und bereiten uns auf ein Hochwasser vor, wie wir es seit 2013 nicht mehr erlebt haben», sagte sie nach der ersten Sitzung.",
            "Schulen in den betroffenen Ortsteilen bleiben am Dienstag zu. Auch auf zwei Buslinien im Tal ruht der Verkehr.",
            "In Mirnitztal und Unterbrunn füllten Freiwillige am Abend Tausende Sandsäcke. Mehrere Strassen entlang des Ufers wurden vorsorglich gesperrt, darunter die Landstrasse zwischen Mirnitztal und Kehrbach.",
            "Die Behörden empfahlen Bewohnerinnen und Bewohnern tief gelegener Häuser, Keller auszuräumen, Heizöltanks zu sichern und Autos aus Tiefgaragen zu holen.",
        ]),
    "de-trial-day1": dict(
        title="Prozessauftakt in Weidenburg: Ex-Bürgermeister von Lindenau schweigt zu Untreue-Vorwürfen",
        paras=[
            "Vor dem Landgericht Weidenburg hat am Dienstag der Prozess gegen den ehemaligen Bürgermeister der Stadt Lindenau begonnen. Die Anklage legt dem 61-jährigen Klaus Rehbein Untreue in 14 Fällen zur Last; der Schaden für die Stadtkasse soll rund 1,2 Millionen Euro betragen.",
            "Laut Anklage soll Rehbein zwischen 2019 und 2023 Aufträge für den Umbau des Lindenauer Freibads und die Renovation des Rathauses an eine Baufirma vergeben haben, ohne die vorgeschriebenen Ausschreibungen durchzuführen.",
            "Ins Rollen gekommen waren die Ermittlungen 2023, nachdem der Rechnungsprüfungsausschuss des Stadtrats Unregelmässigkeiten in den Abrechnungen entdeckt hatte. Rehbein trat kurz danach aus gesundheitlichen Gründen zurück.",
            "Zum Auftakt verlas Oberstaatsanwältin Sabine Krüger die 46-seitige Anklageschrift. Zu den Vorwürfen äusserte sich Rehbein vorerst nicht.",
            "Sein Verteidiger Martin Oswald stellte eine Erklärung für einen späteren Prozesstag in Aussicht. «Mein Mandant wird sich umfassend äussern, aber nicht heute», sagte er vor Medienvertretern.",
            "Mitangeklagt ist der 55 Jahre alte Geschäftsführer der beauftragten Baufirma. Ihm wird Gehilfenschaft zur Untreue sowie Betrug vorgeworfen.",
            "Die Kammer hat vorerst zwölf Verhandlungstage angesetzt. Ein Urteil könnte Ende Januar fallen.",
        ]),
    "de-trial-day3": dict(
        title="Ex-Kämmerin belastet früheren Lindenauer Bürgermeister schwer",
        paras=[
            "Im Untreue-Prozess gegen den ehemaligen Lindenauer Bürgermeister Klaus Rehbein hat die frühere Kämmerin der Stadt den Angeklagten schwer belastet. Rehbein habe sie mehrmals angewiesen, Rechnungen der Baufirma ungeprüft freizugeben, sagte die 48-Jährige am Donnerstag vor dem Landgericht Weidenburg.",
            "«Er hat gesagt, das sei Chefsache und ich solle mich nicht einmischen», schilderte die Zeugin am dritten Prozesstag. Als sie 2021 auf eine Rechnung über 180'000 Euro für Plattenarbeiten im Freibad hingewiesen habe, die doppelt so hoch gewesen sei wie die Offerte, habe Rehbein ihr mit einer Versetzung gedroht.",
            "Zuvor hatte das Gericht einen Bauingenieur angehört, der im Auftrag der Staatsanwaltschaft die Arbeiten am Freibad begutachtet hatte. Gemäss seiner Einschätzung lagen die verrechneten Preise im Schnitt 40 Prozent über dem marktüblichen Niveau.",
            "Die Kämmerin hatte nach eigenen Angaben Kopien der Rechnungen in einem privaten Ordner gesammelt, den sie später dem Rechnungsprüfungsausschuss übergab.",
            "Verteidiger Martin Oswald zog die Glaubwürdigkeit der Zeugin in Zweifel. Sie habe sich selbst Hoffnungen auf das Bürgermeisteramt gemacht. Die Zeugin wies das zurück.",
            "Seine angekündigte Erklärung zu den Vorwürfen gab Rehbein auch am Donnerstag nicht ab.",
            "Der Prozess wird am Dienstag fortgesetzt.",
        ]),
    "de-football-cup": dict(
        title="Rheinfeld scheitert im Landespokal an Borussia Talheim",
        paras=[
            "Der FC Rheinfeld ist in der zweiten Runde des Landespokals ausgeschieden. Der Regionalligist unterlag am Mittwochabend vor 5100 Zuschauern im Stadion am Kanal dem Oberligisten Borussia Talheim mit 0:2.",
            "Die Gäste gingen bereits in der 9. Minute per Foulpenalty in Führung. Nico Barth verwandelte souverän, nachdem Rheinfelds Innenverteidiger Paul Kranz den Talheimer Stürmer Ali Demir im Strafraum gefoult hatte.",
            "Rheinfeld hatte danach klar mehr Ballbesitz, fand aber kaum ein Mittel gegen die tief stehende Abwehr der Borussia.",
            "«Das ist eine bittere Niederlage, und sie ist verdient», sagte Trainer Frank Seidel. Talheims Coach Uwe Marquardt sprach vom «grössten Erfolg der Vereinsgeschichte».",
            "In der 71. Minute sorgte Demir mit einem Schuss ins kurze Eck für die Entscheidung.",
            "Rheinfeld muss sich dagegen auf die Meisterschaft konzentrieren, wo am Samstag das Heimspiel gegen den SV Eichstetten ansteht.",
        ]),
    "de-roman-villa": dict(
        title="Römischer Gutshof bei Oberwinkel entdeckt – aussergewöhnlich gut erhalten",
        paras=[
            "Bei Bauarbeiten für ein Neubauquartier in Oberwinkel sind Archäologen auf die Überreste eines römischen Gutshofs gestossen. Die Anlage stammt gemäss ersten Untersuchungen aus dem zweiten Jahrhundert nach Christus und ist ungewöhnlich gut erhalten, wie das Landesamt für Denkmalpflege am Donnerstag bekanntgab.",
            "Freigelegt wurden bisher die Grundmauern eines rund 40 Meter langen Hauptgebäudes, ein Badehaus mit Bodenheizung sowie mehrere Nebengebäude. Zu den Funden zählen Keramikscherben, Münzen aus der Regierungszeit Kaiser Hadrians und ein fast vollständig erhaltener Bronzekrug.",
            "Die Fachleute gehen davon aus, dass der Gutshof Getreide und Wein für die Garnisonen am nahen Limes produzierte.",
            "«Einen Fund in dieser Qualität macht man in unserer Region vielleicht einmal in zwanzig Jahren», sagte Grabungsleiterin Miriam Falk.",
            "Für die Gemeinde bedeutet der Fund vorerst eine Verzögerung. Die Erschliessung des Baugebiets mit 45 Parzellen ruht, bis die Grabungen voraussichtlich im Frühling abgeschlossen sind.",
            "Am Wochenende können Interessierte die Grabungsstelle bei Führungen besichtigen.",
        ]),
}

# --------------------------------------------------------------------------------------
# Outlets
# --------------------------------------------------------------------------------------
OUTLETS = [
    dict(id="rheinpost", name="Rheinpost", format="rss", lang="de",
         home="https://www.rheinpost.example/"),
    dict(id="elbkurier", name="Elbkurier", format="atom", lang="de",
         home="https://elbkurier.example/"),
    dict(id="seeland-bote", name="Seeland-Bote / Le Messager du Seeland", format="rss", lang="de",
         home="https://www.seeland-bote.example/"),
    dict(id="el-faro-del-sur", name="El Faro del Sur", format="rss", lang="es",
         home="https://www.elfarodelsur.example/"),
    dict(id="diario-de-la-meseta", name="Diario de la Meseta", format="atom", lang="es",
         home="https://www.diariodelameseta.example/"),
    dict(id="eurokompakt", name="EuroKompakt Ticker", format="rss", lang="mul",
         home="https://ticker.eurokompakt.example/"),
]
OUTLET = {o["id"]: o for o in OUTLETS}

# Unrelated "read more" headlines per outlet (invented).
READMORE_POOL = {
    "rheinpost": [
        ("Neue Parkgebühren in der Innenstadt: Was Autofahrer jetzt wissen müssen", "region/parkgebuehren-innenstadt-a-47102.html"),
        ("Bäckerei Hollmann schließt nach 90 Jahren", "region/baeckerei-hollmann-schliesst-a-47311.html"),
        ("Kreisklinik bekommt neuen Chefarzt für Kardiologie", "region/kreisklinik-chefarzt-a-47420.html"),
        ("Wetter am Wochenende: Sonne satt und erster Nachtfrost", "panorama/wetter-wochenende-nachtfrost-a-47533.html"),
        ("Umfrage: Jeder Dritte plant Weihnachtseinkäufe online", "wirtschaft/umfrage-weihnachtseinkaeufe-a-47604.html"),
        ("Polizei sucht Zeugen nach Einbruch in Kleingartenanlage", "region/einbruch-kleingartenanlage-a-47688.html"),
        ("Stadtbibliothek verlängert ihre Öffnungszeiten", "kultur/stadtbibliothek-oeffnungszeiten-a-47751.html"),
        ("Radweg an der Bundesstraße wird im Frühjahr saniert", "region/radweg-sanierung-fruehjahr-a-47809.html"),
    ],
    "elbkurier": [
        ("Autozulieferer in der Region: Auftragslage bleibt angespannt", "thema/autozulieferer"),
        ("Elbstadt: Neue Buslinie zum Gewerbegebiet Nord", "thema/nahverkehr"),
        ("Ausbildungsmesse lockt 3000 Schülerinnen und Schüler", "thema/ausbildung"),
    ],
    "el-faro-del-sur": [
        ("Las gasolineras bajan el precio del diésel por tercera semana consecutiva", "economia/gasolineras-diesel-precio-889120.html"),
        ("Así será el tiempo este fin de semana en la provincia", "sociedad/tiempo-fin-de-semana-889204.html"),
        ("Cinco rutas de senderismo para disfrutar del otoño", "ocio/rutas-senderismo-otono-889311.html"),
        ("El hospital comarcal estrena una nueva unidad de ictus", "sociedad/hospital-comarcal-unidad-ictus-889407.html"),
        ("Detenido un hombre por robar en varias farmacias del centro", "sucesos/detenido-robos-farmacias-889455.html"),
        ("La lotería de Navidad ya se vende en 300 administraciones", "sociedad/loteria-navidad-administraciones-889530.html"),
    ],
}

# --------------------------------------------------------------------------------------
# Copies: which outlet carries which story, when (hours after the story anchor) and how.
# --------------------------------------------------------------------------------------
RP_FULL = ["headline_edit", "dateline", "boiler_top", "read_more", "boiler_bottom"]
RP_NORM = ["headline_edit", "dateline", "boiler_top", "boiler_bottom"]
RP_BREAK = ["headline_edit", "excerpt", "dateline", "boiler_top", "boiler_bottom"]
EK = ["html_style", "typography", "boiler_bottom"]
SB_RW = ["rewrite", "headline_edit", "typography", "boiler_top", "boiler_bottom"]
SB_FR = ["typography", "boiler_top", "boiler_bottom"]
FA = ["dateline", "boiler_top", "read_more", "boiler_bottom"]
FA_BREAK = ["headline_edit", "excerpt", "dateline", "boiler_top", "boiler_bottom"]
ME = ["typography", "boiler_bottom"]
TK = ["lede_only", "dateline"]

COPIES = []


def C(sid, outlet, hours, transforms, **kw):
    COPIES.append(dict(story=sid, outlet=outlet, hours=hours, t=list(transforms), **kw))


# German wire stories
C("de-flood-warning", "rheinpost", 0.10, RP_BREAK, title="EILMELDUNG: Höchste Hochwasserwarnstufe für die Mirnitz", excerpt=1)
C("de-flood-warning", "rheinpost", 3.20, RP_FULL)
C("de-flood-warning", "elbkurier", 1.00, EK + ["headline_edit"], title="Hochwasserwarnung an der Mirnitz: Pegel von über fünf Metern erwartet")
C("de-flood-warning", "seeland-bote", 5.50, SB_RW)
C("de-flood-warning", "eurokompakt", 0.60, TK)

C("de-flood-damage", "eurokompakt", 0.20, TK + ["headline_edit"], title="Mirnitz-Hochwasser: Schäden von mindestens 35 Millionen Euro")
C("de-flood-damage", "elbkurier", 2.00, EK + ["read_more"],
  rm=[("Mehr zum Thema:", "Hochwasserwarnung für die Mirnitz: Behörden rechnen mit Pegel über fünf Meter", "thema/hochwasser-mirnitz")])
C("de-flood-damage", "rheinpost", 7.50, RP_FULL)

C("de-trial-day1", "seeland-bote", 0.50, SB_RW)
C("de-trial-day1", "eurokompakt", 1.10, TK)
C("de-trial-day1", "rheinpost", 2.00, RP_FULL)
C("de-trial-day1", "elbkurier", 20.0, EK + ["excerpt"], excerpt=2)

C("de-trial-day3", "rheinpost", 0.30, RP_NORM)
C("de-trial-day3", "eurokompakt", 1.50, TK)
C("de-trial-day3", "elbkurier", 4.00, EK + ["read_more", "headline_edit"], title="Untreue-Prozess: Kämmerin belastet Ex-Bürgermeister",
  rm=[("Mehr zum Thema:", "Untreue-Prozess gegen früheren Bürgermeister von Lindenau beginnt", "thema/prozess-lindenau")])
C("de-trial-day3", "seeland-bote", 22.0, SB_RW)

C("de-football-league", "eurokompakt", 0.10, TK + ["headline_edit"], title="FC Rheinfeld schlägt Eichstetten 3:1")
C("de-football-league", "elbkurier", 0.40, EK)
C("de-football-league", "rheinpost", 1.00, RP_FULL)

C("de-football-cup", "eurokompakt", 0.20, TK)
C("de-football-cup", "rheinpost", 0.60, RP_NORM)
C("de-football-cup", "seeland-bote", 13.0, SB_RW)
C("de-football-cup", "elbkurier", 15.0, EK + ["headline_edit"], title="FC Rheinfeld scheidet im Pokal gegen Talheim aus")

C("de-kessler-jobs", "rheinpost", 0.20, RP_BREAK, title="EILMELDUNG: Kessler Werkzeugbau streicht 400 Stellen", excerpt=1)
C("de-kessler-jobs", "eurokompakt", 0.40, TK)
C("de-kessler-jobs", "elbkurier", 1.20, EK + ["read_more"],
  rm=[("Mehr zum Thema:", "Autozulieferer in der Region: Auftragslage bleibt angespannt", "thema/autozulieferer")])
C("de-kessler-jobs", "rheinpost", 2.50, RP_FULL)

C("de-roman-villa", "seeland-bote", 0.30, SB_RW)
C("de-roman-villa", "eurokompakt", 3.00, TK)
C("de-roman-villa", "elbkurier", 6.00, EK + ["headline_edit"], title="Römischer Gutshof bei Oberwinkel entdeckt")
C("de-roman-villa", "rheinpost", 27.0, RP_FULL)

# Spanish wire stories
C("es-lez-vallfresca", "el-faro-del-sur", 0.50, FA)
C("es-lez-vallfresca", "eurokompakt", 1.00, TK)
C("es-lez-vallfresca", "diario-de-la-meseta", 4.00, ME + ["excerpt", "headline_edit"], title="Vallfresca aprueba la zona de bajas emisiones", excerpt=2)

C("es-murillo-canvas", "diario-de-la-meseta", 0.70, ME)
C("es-murillo-canvas", "eurokompakt", 1.30, TK)
C("es-murillo-canvas", "el-faro-del-sur", 3.00, FA + ["headline_edit"], title="El Museo de Almenara recupera un cuadro del taller de Murillo perdido hace 80 años")
C("es-murillo-canvas", "elbkurier", 25.0, EK)  # German outlet, Spanish-language copy

C("es-ferran-valencia", "el-faro-del-sur", 0.10, FA_BREAK, title="ÚLTIMA HORA: Lucía Ferrán gana el Trofeo Ciudad de Valencia", excerpt=1)
C("es-ferran-valencia", "eurokompakt", 0.30, TK)
C("es-ferran-valencia", "el-faro-del-sur", 1.50, FA)
C("es-ferran-valencia", "diario-de-la-meseta", 14.0, ME + ["headline_edit"], title="Lucía Ferrán conquista en Valencia su primer título profesional")

C("es-ferran-bilbao", "eurokompakt", 0.20, TK + ["headline_edit"], title="Ferrán cae ante Lindqvist en Bilbao")
C("es-ferran-bilbao", "diario-de-la-meseta", 0.50, ME + ["excerpt"], excerpt=2)
C("es-ferran-bilbao", "el-faro-del-sur", 2.00, FA + ["headline_edit"], title="Lucía Ferrán se despide en semifinales del Open de Bilbao")

C("es-iberviento-results", "eurokompakt", 0.10, TK)
C("es-iberviento-results", "el-faro-del-sur", 1.00, FA)
C("es-iberviento-results", "diario-de-la-meseta", 9.00, ME + ["headline_edit"], title="Iberviento dispara su beneficio un 28 % hasta septiembre")

C("es-iberviento-strike", "el-faro-del-sur", 0.10, FA_BREAK, title="ÚLTIMA HORA: Huelga en Iberviento: 120 vuelos cancelados", excerpt=1)
C("es-iberviento-strike", "eurokompakt", 0.50, TK)
C("es-iberviento-strike", "diario-de-la-meseta", 1.20, ME + ["excerpt"], excerpt=2)
C("es-iberviento-strike", "el-faro-del-sur", 3.00, FA)

# French wire stories
C("fr-theatre-montclair", "eurokompakt", 0.20, TK)
C("fr-theatre-montclair", "seeland-bote", 1.00, SB_FR + ["headline_edit"], title="Montclair : le théâtre municipal rouvre ses portes")

C("fr-sodium-battery", "eurokompakt", 0.50, TK)
C("fr-sodium-battery", "seeland-bote", 18.0, SB_FR)

C("fr-early-snow", "seeland-bote", 0.40, SB_FR + ["excerpt", "headline_edit"], title="Neige précoce : plusieurs cols fermés dans les Alpes", excerpt=1)
C("fr-early-snow", "eurokompakt", 0.30, TK)
C("fr-early-snow", "seeland-bote", 8.00, SB_FR + ["headline_edit"], title="MISE À JOUR – Neige : 8000 foyers privés d'électricité, plusieurs cols fermés")

# Singletons (own reports)
C("de-single-rheinfeld-coach", "rheinpost", 0.0, ["headline_edit", "boiler_top", "boiler_bottom"])
C("de-single-elbstadt-market", "elbkurier", 0.0, EK)
C("de-single-seeburg-bikeway", "seeland-bote", 0.0, ["boiler_top", "boiler_bottom"])
C("es-single-almenara-cruise", "el-faro-del-sur", 0.0, ["boiler_top", "boiler_bottom"])
C("es-single-meseta-library", "diario-de-la-meseta", 0.0, ME)

HARD_NEGATIVES = [
    ["de-flood-warning", "de-flood-damage"],
    ["de-trial-day1", "de-trial-day3"],
    ["de-football-league", "de-football-cup"],
    ["es-ferran-valencia", "es-ferran-bilbao"],
    ["es-iberviento-results", "es-iberviento-strike"],
    ["de-football-league", "de-single-rheinfeld-coach"],
    ["de-football-cup", "de-single-rheinfeld-coach"],
]

# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
ES_MON = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"]
CET = timezone(timedelta(hours=1))


def rfc822(dt):
    dt = dt.astimezone(timezone.utc)
    return "%s, %02d %s %04d %02d:%02d:%02d GMT" % (DAYS[dt.weekday()], dt.day, MONTHS[dt.month - 1],
                                                     dt.year, dt.hour, dt.minute, dt.second)


def iso_z(dt):
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_cet(dt):
    return dt.astimezone(CET).strftime("%Y-%m-%dT%H:%M:%S+01:00")


def local(dt):
    return dt.astimezone(CET)


def slugify(s):
    s = s.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("Ä", "Ae").replace(
        "Ö", "Oe").replace("Ü", "Ue").replace("ß", "ss")
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    s = re.sub(r"[^A-Za-z0-9]+", "-", s).strip("-").lower()
    return "-".join(s.split("-")[:9])


def h(s, nbsp_entity=False):
    s = html.escape(s, quote=False)
    if nbsp_entity:
        s = s.replace("\u00a0", "&nbsp;")
    return s


def xesc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xattr(s):
    return xesc(s).replace('"', "&quot;")


def cdata(s):
    assert "]]>" not in s
    return "<![CDATA[" + s + "]]>"


def fr_wire(s):
    """French agency typography: non-breaking spaces inside guillemets and before : ; ? !"""
    s = s.replace("« ", "«\u00a0").replace(" »", "\u00a0»")
    s = re.sub(r" ([:;?!])", "\u00a0\\1", s)
    return s


for _st in STORIES.values():
    if _st["lang"] == "fr":
        _st["paras"] = [fr_wire(p) for p in _st["paras"]]
        _st["title"] = fr_wire(_st["title"])
for _c in COPIES:
    if STORIES[_c["story"]]["lang"] == "fr" and "title" in _c:
        _c["title"] = fr_wire(_c["title"])

DE_UNITS = ("Millionen|Euro|Prozent|Meter|Metern|Zentimeter|Liter|Stellen|Zuschauern|Einsatzkräften|"
            "Minuten|Seiten|Menschen|Bauplätzen|Jahre|Jahren|Stände|Franken|Kilometer")
ES_UNITS = ("millones|euros|vuelos|pasajeros|años|minutos|horas|metros|hectáreas|votos|plazas|cámaras|"
            "espectadores|cruceros")


def nbsp_numbers(s, units):
    s = re.sub(r"(\d) (?=(?:%s)\b)" % units, "\\1\u00a0", s)
    s = re.sub(r"(\d) %", "\\1\u00a0%", s)
    return s


def typo_de_straight(s):
    s = s.replace("„", '"').replace("“", '"').replace("‚", "'").replace("‘", "'")
    s = s.replace(" – ", " - ")
    return nbsp_numbers(s, DE_UNITS)


def typo_es_straight(s):
    s = s.replace("«", '"').replace("»", '"')
    return nbsp_numbers(s, ES_UNITS)


def typo_es_curly(s):
    s = s.replace("«", "“").replace("»", "”")
    return nbsp_numbers(s, ES_UNITS)


def typo_fr_swiss(s):
    s = s.replace("«\u00a0", "«").replace("\u00a0»", "»").replace("'", "’")
    return s


def typography_fn(outlet, lang):
    if outlet == "elbkurier":
        return typo_es_straight if lang == "es" else typo_de_straight
    if outlet == "diario-de-la-meseta":
        return typo_es_curly
    if outlet == "seeland-bote":
        return typo_fr_swiss if lang == "fr" else (lambda s: s)  # German rewrites are hand-typed Swiss style
    raise ValueError(outlet)


SENT_SPLIT = re.compile(r"(?<=[.!?…])\s+(?=[A-ZÁÉÍÓÚÑÄÖÜÀÂÇÈÊ„«\"¿¡])")


def first_sentence(p):
    return SENT_SPLIT.split(p, 1)[0]


def dateline(st):
    d = local(st["anchor"])
    if st["lang"] == "es":
        return "%s, %d %s (%s) - " % (st["place"], d.day, ES_MON[d.month - 1], st["agency"])
    return "%s (%s) – " % (st["place"], st["agency"])


def words(paras):
    return sum(len(p.split()) for p in paras)


def comments(key):
    return 1 + (sum(map(ord, key)) * 7) % 23


# --------------------------------------------------------------------------------------
# Rendering of one copy
# --------------------------------------------------------------------------------------

def body_paras(st, cp):
    t = cp["t"]
    paras = list(REWRITES[st["id"]]["paras"] if "rewrite" in t else st["paras"])
    if "dateline" in t:
        paras[0] = dateline(st) + paras[0]
    if "typography" in t:
        f = typography_fn(cp["outlet"], st["lang"])
        paras = [f(p) for p in paras]
    if "excerpt" in t:
        paras = paras[:cp.get("excerpt", 1)]
    return paras


def display_title(st, cp):
    t = cp["t"]
    if "rewrite" in t:
        title = REWRITES[st["id"]]["title"]
    elif "headline_edit" in t and cp["outlet"] == "rheinpost" and "title" not in cp:
        title = st["title"] + " | Rheinpost"
    elif "headline_edit" in t:
        title = cp["title"]
    else:
        title = st["title"]
    if "typography" in t:
        title = typography_fn(cp["outlet"], st["lang"])(title)
    return title


def pick_readmore(outlet, n):
    pool = READMORE_POOL[outlet]
    return RNG.sample(pool, n)


def render(st, cp):
    """Returns (title, payload). payload is HTML except for the lede-only ticker (plain text)."""
    o, t, lang = cp["outlet"], cp["t"], st["lang"]
    title = display_title(st, cp)
    paras = body_paras(st, cp)
    link = cp["link"]
    dt = cp["dt"]
    loc = local(dt)
    agency = st["agency"]
    wc = words(paras)

    if "lede_only" in t:
        lede = first_sentence(st["paras"][0])
        if "dateline" in t:
            lede = dateline(st) + lede
        return title, lede

    parts = []
    if o == "rheinpost":
        if "boiler_top" in t:
            parts.append('<p class="rp-meta">Von Redaktion | %d Min. Lesezeit</p>' % max(1, math.ceil(words(st["paras"]) / 200)))
            parts.append('<p class="rp-meta">Veröffentlicht: %s Uhr</p>' % loc.strftime("%d.%m.%Y, %H:%M"))
            parts.append('<p class="rp-credit">Foto: %s</p>' % ("NAM/Archiv" if agency else "Rheinpost/Archiv"))
        rm_after = {}
        if "read_more" in t:
            n = 1 if len(paras) < 6 else RNG.choice([1, 2])
            picks = pick_readmore(o, n)
            for k, (hl, path) in enumerate(picks):
                rm_after[1 + 2 * k] = '<p class="rp-readmore">Lesen Sie auch: <a href="https://www.rheinpost.example/%s">%s</a></p>' % (path, h(hl))
        for i, p in enumerate(paras):
            parts.append("<p>%s</p>" % h(p))
            if i in rm_after:
                parts.append(rm_after[i])
        if "excerpt" in t:
            parts.append('<p><a href="%s">Weiterlesen …</a></p>' % h(link))
        if "boiler_bottom" in t:
            parts.append('<p class="rp-share">Teilen Sie diesen Artikel</p>')
            parts.append('<p class="rp-comments">Kommentare (%d)</p>' % comments(link))
            parts.append("<p>© %s – alle Rechte vorbehalten</p>" % ("NAM" if agency else "Rheinpost"))
        return title, "\n".join(parts)

    if o == "elbkurier":
        assert "html_style" in t
        img = "https://elbkurier.example/media/2026/11/%s.jpg" % cp["num"]
        credit = ("Foto: %s" % agency) if agency else "Foto: Elbkurier/Archiv"
        out = '<div class="ek-article">'
        out += '<figure><img src="%s" alt="%s" width="1200" height="675"/><figcaption>%s %s</figcaption></figure>' % (
            img, xattr(st["caption"]), h(st["caption"]), credit)
        rm_after = {}
        if "read_more" in t:
            for k, (label, hl, path) in enumerate(cp["rm"]):
                rm_after[2 + 2 * k] = '%s <a href="https://elbkurier.example/%s">%s</a>' % (label, path, h(hl))
        chunks = []
        em_done = a_done = False
        for i, p in enumerate(paras):
            s = h(p, nbsp_entity=True)
            if i == 0:
                s = "<strong>%s</strong>" % s
            else:
                if not em_done:
                    s2 = re.sub(r'"([^"]+)"', r'<em>"\1"</em>', s, count=1)
                    em_done = s2 != s
                    s = s2
                if not a_done and st["tag"]:
                    pat = r"(?<!\w)%s(?!\w)" % re.escape(st["tag"])
                    s2 = re.sub(pat, '<a href="https://elbkurier.example/thema/%s">%s</a>' % (slugify(st["tag"]), st["tag"]), s, count=1)
                    a_done = s2 != s
                    s = s2
            chunks.append(s)
            if i in rm_after:
                chunks.append(rm_after[i])
        if "excerpt" in t:
            chunks.append('<a href="%s">Weiterlesen …</a>' % h(link))
        out += "<br><br>".join(chunks)
        if "boiler_bottom" in t:
            if agency:
                out += "<br><br><em>Dieser Artikel erschien zuerst bei %s.</em>" % h(AGENCIES[agency])
            else:
                out += "<br><br><em>© Elbkurier</em>"
            out += "<br>Kommentare&nbsp;(%d)" % comments(link)
        out += "</div>"
        return title, out

    if o == "seeland-bote":
        fr = lang == "fr"
        if "boiler_top" in t:
            mins = max(1, math.ceil(wc / 200))
            if fr:
                parts.append('<p class="sb-meta">Messager du Seeland | Rédaction | Lecture\u00a0: %d\u00a0min</p>' % mins)
            else:
                parts.append('<p class="sb-meta">Seeland-Bote | Redaktion | Lesezeit: %d Min.</p>' % mins)
        for p in paras:
            parts.append("<p>%s</p>" % h(p))
        if "excerpt" in t:
            parts.append('<p><a href="%s">Lire la suite …</a></p>' % h(link))
        if "boiler_bottom" in t:
            if fr:
                parts.append('<p class="sb-credit">Avec %s.</p>' % agency)
                parts.append('<p class="sb-share">Partager\u00a0: Facebook · X · WhatsApp · E-mail</p>')
            else:
                parts.append('<p class="sb-credit">%s</p>' % ("Mit Material von %s." % agency if agency else "© Seeland-Bote"))
                parts.append('<p class="sb-share">Teilen: Facebook · X · WhatsApp · E-Mail</p>')
        return title, "\n".join(parts)

    if o == "el-faro-del-sur":
        if "boiler_top" in t:
            parts.append('<p class="firma">Por Redacción | Lectura: %d min</p>' % max(1, math.ceil(words(st["paras"]) / 200)))
            parts.append('<p class="fecha">Publicado el %s</p>' % loc.strftime("%d/%m/%Y a las %H:%M"))
        rm_after = {}
        if "read_more" in t:
            n = RNG.choice([1, 2])
            for k, (hl, path) in enumerate(pick_readmore(o, n)):
                rm_after[1 + 2 * k] = '<p class="relacionada">Lee también: <a href="https://www.elfarodelsur.example/%s">%s</a></p>' % (path, h(hl))
        for i, p in enumerate(paras):
            parts.append("<p>%s</p>" % h(p))
            if i in rm_after:
                parts.append(rm_after[i])
        if "excerpt" in t:
            parts.append('<p><a href="%s">Seguir leyendo…</a></p>' % h(link))
        if "boiler_bottom" in t:
            parts.append('<p class="compartir">Comparte esta noticia</p>')
            parts.append('<p class="fuente">Fuente: %s</p>' % (agency or "El Faro del Sur"))
            parts.append("<p>Síguenos en redes sociales</p>")
        return title, "\n".join(parts)

    if o == "diario-de-la-meseta":
        for p in paras:
            parts.append("<p>%s</p>" % h(p))
        if "excerpt" in t:
            parts.append('<p><a href="%s">Seguir leyendo…</a></p>' % h(link))
        if "boiler_bottom" in t:
            parts.append("<p>Síguenos en redes sociales: Facebook · Instagram · X</p>")
            parts.append("<p>© Diario de la Meseta%s</p>" % (" – Con información de %s" % agency if agency else ""))
        return title, "\n".join(parts)

    raise ValueError(o)


# --------------------------------------------------------------------------------------
# Links / ids
# --------------------------------------------------------------------------------------
SECTIONS = {
    "rheinpost": dict(weather="region", court="region", sport="sport", business="wirtschaft", science="kultur", culture="kultur", politics="region"),
    "elbkurier": dict(weather="sachsen", court="sachsen", sport="sport", business="wirtschaft", science="wissen", culture="kultur", politics="elbstadt"),
    "el-faro-del-sur": dict(weather="sociedad", court="sucesos", sport="deportes", business="economia", science="ciencia", culture="cultura", politics="politica"),
}
NEXT_NUM = {"rheinpost": 48207, "elbkurier": 7724, "seeland-bote": 10228, "el-faro-del-sur": 889560,
            "diario-de-la-meseta": 51033, "eurokompakt": 83911}


def assign_links(cp, st, title):
    o = cp["outlet"]
    NEXT_NUM[o] += RNG.randint(3, 41)
    num = NEXT_NUM[o]
    cp["num"] = num
    clean = re.sub(r"^(EILMELDUNG|ÚLTIMA HORA|MISE À JOUR)\s*[:–-]\s*", "", title).replace(" | Rheinpost", "")
    slug = slugify(clean)
    d = cp["dt"].astimezone(CET)
    if o == "rheinpost":
        cp["link"] = "https://www.rheinpost.example/%s/%s-a-%d.html?utm_source=rss&utm_medium=feed" % (SECTIONS[o][st["kind"]], slug, num)
        cp["guid"] = "rheinpost:artikel:%d" % num
    elif o == "elbkurier":
        cp["link"] = "https://elbkurier.example/%s/%s.%d.html" % (SECTIONS[o][st["kind"]], slug, num)
        cp["guid"] = "tag:elbkurier.example,%s:artikel-%d" % (d.strftime("%Y-%m-%d"), num)
    elif o == "seeland-bote":
        cp["link"] = "https://www.seeland-bote.example/%s/%s/" % (d.strftime("%Y/%m/%d"), slug)
        cp["guid"] = "https://www.seeland-bote.example/?p=%d" % num
    elif o == "el-faro-del-sur":
        cp["link"] = "https://www.elfarodelsur.example/%s/%s/%s-%d.html" % (SECTIONS[o][st["kind"]], d.strftime("%Y/%m/%d"), slug, num)
        cp["guid"] = "efs-%d" % num
    elif o == "diario-de-la-meseta":
        cp["link"] = "https://www.diariodelameseta.example/noticia/%d/%s" % (num, slug)
        cp["guid"] = "urn:uuid:%s" % uuid.uuid5(uuid.NAMESPACE_URL, "diariodelameseta:%d" % num)
    elif o == "eurokompakt":
        cp["link"] = "https://ticker.eurokompakt.example/m/%d" % num
        cp["guid"] = "eurokompakt-%d" % num


# --------------------------------------------------------------------------------------
# Feed writers
# --------------------------------------------------------------------------------------

def write_rss(o, items):
    lang = {"rheinpost": "de-DE", "seeland-bote": "de-CH", "el-faro-del-sur": "es-ES"}.get(o["id"])
    content_ns = o["id"] == "seeland-bote"
    last = max(c["dt"] for c in items)
    L = ['<?xml version="1.0" encoding="UTF-8"?>']
    L.append('<rss version="2.0"%s>' % (' xmlns:content="http://purl.org/rss/1.0/modules/content/"' if content_ns else ""))
    L.append("  <channel>")
    L.append("    <title>%s</title>" % xesc(o["name"]))
    L.append("    <link>%s</link>" % xesc(o["home"]))
    desc = {
        "rheinpost": "Nachrichten aus der Region und der Welt",
        "seeland-bote": "Nachrichten aus dem Seeland – Nouvelles du Seeland",
        "el-faro-del-sur": "Noticias de Almenara, la provincia y el mundo",
        "eurokompakt": "Kurzmeldungen aus Europa – breves – brèves",
    }[o["id"]]
    L.append("    <description>%s</description>" % xesc(desc))
    if lang:
        L.append("    <language>%s</language>" % lang)
    L.append("    <lastBuildDate>%s</lastBuildDate>" % rfc822(last + timedelta(minutes=5)))
    for c in items:
        L.append("    <item>")
        L.append("      <title>%s</title>" % xesc(c["title"]))
        L.append("      <link>%s</link>" % xesc(c["link"]))
        L.append('      <guid isPermaLink="false">%s</guid>' % xesc(c["guid"]))
        L.append("      <pubDate>%s</pubDate>" % rfc822(c["dt"]))
        if o["id"] == "rheinpost":
            L.append("      <description>%s</description>" % xesc(c["payload"]))
        elif o["id"] == "seeland-bote":
            teaser = re.sub(r"<[^>]+>", "", c["payload"].split("\n")[1 if "boiler_top" in c["t"] else 0])
            teaser = html.unescape(teaser)
            teaser = first_sentence(teaser) + " […]"
            L.append("      <description>%s</description>" % xesc(teaser))
            L.append("      <content:encoded>%s</content:encoded>" % cdata(c["payload"]))
        elif o["id"] == "el-faro-del-sur":
            L.append("      <description>%s</description>" % cdata(c["payload"]))
        else:  # ticker: plain-text lede
            L.append("      <description>%s</description>" % xesc(c["payload"]))
        L.append("    </item>")
    L.append("  </channel>")
    L.append("</rss>")
    return "\n".join(L) + "\n"


def write_atom(o, items):
    lang = {"elbkurier": "de", "diario-de-la-meseta": "es"}[o["id"]]
    ts = iso_z if o["id"] == "elbkurier" else iso_cet
    last = max(c["dt"] for c in items)
    L = ['<?xml version="1.0" encoding="UTF-8"?>']
    L.append('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="%s">' % lang)
    L.append("  <title>%s</title>" % xesc(o["name"]))
    L.append("  <subtitle>%s</subtitle>" % xesc({"elbkurier": "Nachrichten für Elbstadt und Umgebung",
                                                 "diario-de-la-meseta": "Noticias de Castilla y de la Meseta"}[o["id"]]))
    L.append('  <link rel="alternate" type="text/html" href="%s"/>' % xattr(o["home"]))
    L.append('  <link rel="self" type="application/atom+xml" href="%sfeed.atom"/>' % xattr(o["home"]))
    L.append("  <id>%s</id>" % xesc(o["home"]))
    L.append("  <updated>%s</updated>" % ts(last + timedelta(minutes=5)))
    L.append("  <author><name>%s</name></author>" % xesc(o["name"]))
    for c in items:
        L.append("  <entry>")
        L.append("    <title>%s</title>" % xesc(c["title"]))
        L.append("    <id>%s</id>" % xesc(c["guid"]))
        L.append('    <link rel="alternate" type="text/html" href="%s"/>' % xattr(c["link"]))
        L.append("    <published>%s</published>" % ts(c["dt"]))
        L.append("    <updated>%s</updated>" % ts(c["dt"]))
        L.append('    <content type="html">%s</content>' % xesc(c["payload"]))
        L.append("  </entry>")
    L.append("</feed>")
    return "\n".join(L) + "\n"


# --------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------

def main():
    os.makedirs(os.path.join(OUT, "feeds"), exist_ok=True)
    for cp in COPIES:
        st = STORIES[cp["story"]]
        cp["dt"] = st["anchor"] + timedelta(minutes=round(cp["hours"] * 60))
    # ids in chronological order per outlet
    for cp in sorted(COPIES, key=lambda c: c["dt"]):
        st = STORIES[cp["story"]]
        assign_links(cp, st, display_title(st, cp))
    for cp in COPIES:
        st = STORIES[cp["story"]]
        cp["title"], cp["payload"] = render(st, cp)

    outlets_json = []
    for o in OUTLETS:
        items = sorted([c for c in COPIES if c["outlet"] == o["id"]], key=lambda c: c["dt"], reverse=True)
        text = write_rss(o, items) if o["format"] == "rss" else write_atom(o, items)
        with open(os.path.join(OUT, "feeds", o["id"] + ".xml"), "w", encoding="utf-8") as f:
            f.write(text)
        outlets_json.append(dict(id=o["id"], name=o["name"], file="feeds/%s.xml" % o["id"], format=o["format"]))

    with open(os.path.join(OUT, "outlets.json"), "w", encoding="utf-8") as f:
        json.dump(outlets_json, f, ensure_ascii=False, indent=2)
        f.write("\n")

    truth = dict(
        corpus="intl",
        items=[dict(outlet=c["outlet"], link=c["link"], guid=c["guid"], story=c["story"], transform=c["t"])
               for c in sorted(COPIES, key=lambda c: (c["outlet"], c["dt"]))],
        stories={sid: dict(title=st["title"]) for sid, st in STORIES.items()},
        hardNegatives=HARD_NEGATIVES,
    )
    with open(os.path.join(OUT, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print("wrote %d items in %d feeds" % (len(COPIES), len(OUTLETS)))


if __name__ == "__main__":
    main()
