#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""A syndicated-feeds corpus in Italian, Portuguese and Dutch (the format of ../shared/corpus/*), for `eval`.

Held out: built after the German, Spanish and French one (corpus_de_es_fr.py) had been used to develop
the language-aware function words and headline agreement, to measure them on feeds they were not
developed on. 7 outlets (one ISO-8859-1, one Atom, a rewriting desk and a summary feed across the three
languages), 18 wire stories and 5 local ones, 73 items, 7 hard-negative pairs; updates under new URLs,
headline-only items, datelines, kickers ("ULTIM'ORA:", "BREKEND:"), excerpts, house boilerplate.

Usage:  python3 bench/corpus_it_pt_nl.py OUTPUT_DIR && npm run eval -- OUTPUT_DIR

Writes OUTPUT_DIR/feeds/<outlet>.xml, OUTPUT_DIR/outlets.json and OUTPUT_DIR/truth.json.
All stories, people, agencies, outlets and .example domains are invented.
Deterministic: the only source of randomness is random.Random(SEED); no clock, no hashing
of strings, no set iteration.
"""
import html
import json
import math
import os
import random
import re
import sys
import unicodedata
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

SEED = 20260908
STATS = []          # filled during generation (used only by optional self-checks)

# ---------------------------------------------------------------------------
# Languages, agencies
# ---------------------------------------------------------------------------
LANG = {
    'it': dict(tz=2, agency='APN', dash='–',
               months='gen feb mar apr mag giu lug ago set ott nov dic'.split(),
               readmore='Leggi anche:', more='Continua a leggere…', update='Aggiornamento',
               title_only="Leggi l'articolo su {o}", photo='Foto: {a}/Archivio',
               quotes=[('«', '»')],
               kick_break=["ULTIM'ORA:", 'URGENTE:'], kick_media=['VIDEO:', 'FOTO:']),
    'pt': dict(tz=1, agency='AAN', dash='-',
               months='jan fev mar abr mai jun jul ago set out nov dez'.split(),
               readmore='Leia também:', more='Continue a ler…', update='Atualização',
               title_only='Leia o artigo em {o}', photo='Foto: {a}/Arquivo',
               quotes=[('«', '»'), ('“', '”')],
               kick_break=['ÚLTIMA HORA:', 'URGENTE:'], kick_media=['VÍDEO:', 'FOTOS:']),
    'nl': dict(tz=2, agency='NPN', dash='-',
               months=None,
               readmore='Lees ook:', more='Lees verder…', update='Update',
               title_only='Lees het artikel op {o}', photo='Foto: {a}/Archief',
               quotes=[('„', '”')],
               kick_break=['BREKEND:', 'LIVE:'], kick_media=['VIDEO:', "FOTO'S:"]),
}

SECTIONS = {
    'it': dict(news='cronaca', court='giudiziaria', sport='sport', culture='cultura',
               business='economia', health='salute', politics='politica', transport='trasporti'),
    'pt': dict(news='pais', court='justica', sport='desporto', culture='cultura',
               business='economia', health='saude', politics='politica', transport='pais'),
    'nl': dict(news='binnenland', court='rechtspraak', sport='sport', culture='cultuur',
               business='economie', health='gezondheid', politics='politiek', transport='binnenland'),
}

# ---------------------------------------------------------------------------
# Stories (all invented).  Paragraphs are separated by blank lines.
# ---------------------------------------------------------------------------
STORIES = [
# ============================ ITALIAN (agency APN) =========================
dict(id='it-incendio-valdorsa', lang='it', kind='wire', when='2026-09-08 17:40', city='IMPERIA',
     sec='news', breaking=True,
     title="Incendio sulle colline di Valdorsa, evacuate duecento persone",
     alt="Valdorsa, le fiamme minacciano le case: evacuati in duecento",
     short="Incendio a Valdorsa, 200 evacuati",
     syn=[('frazioni', 'località'), ('sfollati', 'evacuati'), ('raffiche', 'folate')],
     update="In serata, secondo la prefettura, il fronte principale del fuoco è stato circoscritto, ma gli sfollati trascorreranno la notte fuori casa.",
     body='''
Un vasto incendio è divampato nel primo pomeriggio di oggi sulle colline di Valdorsa, nell'entroterra di Imperia, costringendo all'evacuazione circa duecento persone. Le fiamme, alimentate da un forte vento di tramontana, hanno raggiunto in poche ore le prime case delle frazioni di Case Rosse e Poggio Alto.

L'allarme è scattato poco dopo le 14.30, quando alcuni residenti hanno notato una colonna di fumo sopra la vecchia strada provinciale. Sul posto sono intervenute dodici squadre dei vigili del fuoco, affiancate da volontari della protezione civile e da tre Canadair arrivati da Genova e da Cagliari. Le raffiche, che in serata hanno superato i 60 chilometri orari, hanno però ostacolato a lungo il lavoro dei mezzi aerei.

"Abbiamo deciso di evacuare per precauzione, nessuno deve correre rischi", ha detto la sindaca di Valdorsa, Lucia Ferrandi, che ha seguito le operazioni dal centro di coordinamento allestito nella palestra comunale. Gli sfollati, in gran parte anziani, sono stati accolti nella scuola media e in due alberghi della costa.

Un vigile del fuoco è rimasto lievemente ferito a una mano durante le operazioni di spegnimento ed è stato medicato all'ospedale di Sanremo. ^Non si registrano altri feriti. La strada provinciale 21 è chiusa al traffico tra Valdorsa e il bivio per Montecroce.

Sulle cause del rogo è ancora presto per pronunciarsi. Secondo i primi accertamenti dei carabinieri forestali, le fiamme sarebbero partite da un terreno incolto a ridosso della strada. ^Gli investigatori, comunque, non escludono alcuna ipotesi.

La prefettura ha convocato per la serata un comitato per la sicurezza. I Canadair, fermi con il buio, torneranno in volo alle prime luci dell'alba, mentre le squadre a terra resteranno impegnate tutta la notte per proteggere le abitazioni.
'''),
dict(id='it-valdorsa-danni', lang='it', kind='wire', when='2026-09-09 12:10', city='IMPERIA',
     sec='news', breaking=False,
     title="Valdorsa, il giorno dopo il rogo: bruciati 340 ettari, danni per dodici milioni",
     alt="Il giorno dopo l'incendio di Valdorsa: 340 ettari in cenere e danni per 12 milioni",
     short="Valdorsa, bruciati 340 ettari",
     syn=[('ulivi', 'alberi di ulivo'), ('uliveti', 'oliveti'), ('versanti', 'pendii'), ('focolai', 'punti di fuoco')],
     update=None,
     body='''
L'incendio che da ieri pomeriggio minacciava le colline di Valdorsa è stato dichiarato spento stamattina all'alba, ma il bilancio è pesante: 340 ettari di bosco e uliveti andati in fumo e danni stimati in circa dodici milioni di euro. Lo ha comunicato la Regione Liguria al termine di un primo sopralluogo.

Nove abitazioni sono state danneggiate dalle fiamme, due delle quali risultano inagibili. Le famiglie evacuate nel pomeriggio di ieri sono rientrate quasi tutte nelle loro case nel corso della mattinata. ^Quattordici nuclei, però, resteranno ospitati negli alberghi della costa almeno fino al termine delle verifiche sugli edifici.

A pagare il prezzo più alto è l'agricoltura. Secondo il consorzio dei produttori di olio della valle, sono andati distrutti oltre ottomila ulivi, alcuni dei quali secolari. "Ci vorranno almeno quindici anni per tornare ai livelli di produzione di prima", ha spiegato il presidente del consorzio, Giorgio Basso.

La giunta regionale ha annunciato che chiederà al governo lo stato di emergenza e ha stanziato un primo fondo di 800 mila euro per gli interventi urgenti, a partire dalla messa in sicurezza dei versanti in vista delle piogge autunnali. "Il rischio ora è che alla prima ondata di maltempo il terreno bruciato frani a valle", ha avvertito l'assessore alla protezione civile.

Intanto la procura di Imperia ha aperto un fascicolo per incendio colposo. Gli investigatori stanno ascoltando alcuni agricoltori della zona. L'ipotesi principale è che le fiamme siano partite da un abbruciamento di sterpaglie sfuggito al controllo.

La strada provinciale 21 è stata riaperta nel primo pomeriggio con un senso unico alternato. Sul posto restano alcune squadre dei vigili del fuoco per la bonifica dei focolai residui.
'''),
dict(id='it-crollo-perito', lang='it', kind='wire', when='2026-09-10 14:30', city='VICENZA',
     sec='court', breaking=False,
     title="Crollo della palestra di Castelnuovo, il perito dell'accusa: travi corrose da anni",
     alt="Castelnuovo, per il perito dell'accusa le travi della palestra erano corrose da anni",
     short="Crollo della palestra, parla il perito",
     syn=[('crollo', 'cedimento'), ('struttura', 'costruzione'), ('macerie', 'rovine')],
     update="Al termine dell'udienza il collegio ha accolto la richiesta della difesa di acquisire i registri della manutenzione ordinaria.",
     body='''
Le travi che sostenevano il tetto della palestra di Castelnuovo Brenta erano corrose da anni e le segnalazioni sulle infiltrazioni d'acqua erano rimaste senza risposta. È quanto ha sostenuto oggi in aula l'ingegnere Paolo Garzia, consulente della procura, nella prima udienza del processo per il crollo del gennaio 2024.

Quel pomeriggio una parte della copertura cedette durante un allenamento di pallavolo: sette ragazze rimasero ferite, una delle quali in modo grave. Sul banco degli imputati, con l'accusa di crollo colposo e lesioni, siedono quattro persone. ^Si tratta dell'ex responsabile dell'ufficio tecnico comunale, del titolare e del direttore tecnico dell'impresa che aveva rifatto il tetto nel 2017 e del professionista incaricato del collaudo.

Per oltre tre ore Garzia ha illustrato ai giudici del tribunale di Vicenza fotografie e campioni prelevati dalle macerie. ^"Gli ancoraggi delle travi in acciaio presentavano una corrosione avanzata, compatibile con anni di infiltrazioni", ha spiegato. Secondo il perito, i canali di scolo erano ostruiti e l'acqua piovana si accumulava proprio sopra i punti più delicati della struttura.

Il consulente ha citato anche due lettere inviate al Comune dalla dirigente scolastica, nel 2019 e nel 2021, in cui si segnalavano macchie di umidità e pezzi di intonaco caduti sul campo. Agli atti, ha detto Garzia, non risulta alcun intervento successivo.

Nel controesame le difese hanno contestato il metodo delle analisi, sostenendo che i campioni sono stati prelevati mesi dopo il crollo e dopo una lunga esposizione alle intemperie. L'avvocata dell'ex funzionario comunale, Marta Zecchin, ha chiesto di acquisire i registri della manutenzione ordinaria.

In aula erano presenti molti genitori delle ragazze ferite, alcuni con una maglietta bianca con la scritta "Mai più". Il processo riprenderà lunedì 14 settembre con l'audizione dei consulenti nominati dagli imputati.
'''),
dict(id='it-crollo-difesa', lang='it', kind='wire', when='2026-09-14 16:50', city='VICENZA',
     sec='court', breaking=False,
     title="Processo per il crollo di Castelnuovo, la difesa punta sul peso della neve",
     alt="Crollo di Castelnuovo, le difese puntano tutto sul carico di neve",
     short="Castelnuovo, la difesa e la neve",
     syn=[('crollo', 'cedimento'), ('struttura', 'costruzione'), ('collegio', 'tribunale')],
     update=None,
     body='''
Non la corrosione, ma un carico di neve eccezionale avrebbe provocato il crollo del tetto della palestra di Castelnuovo Brenta. È la tesi sostenuta oggi davanti al tribunale di Vicenza dai consulenti delle difese, nella seconda udienza del processo che vede imputate quattro persone.

L'ingegnera Sara Bellotto, nominata dall'impresa che aveva rifatto la copertura nel 2017, ha mostrato i dati di una stazione meteorologica vicina. ^Nei tre giorni precedenti il crollo erano caduti oltre 70 centimetri di neve, "un valore superiore a quello previsto dalle norme di progetto per quella zona", ha detto. ^Secondo la consulente, la struttura era stata calcolata correttamente.

Di segno opposto la ricostruzione delle parti civili. L'avvocato delle famiglie, Luca Dal Prà, ha ricordato che il giorno del crollo la neve sul tetto era già in parte sciolta. ^Ha poi chiesto alla consulente perché nella sua relazione non compaiano le fotografie degli ancoraggi. ^"Le abbiamo ritenute non decisive", ha risposto Bellotto.

In apertura di udienza il collegio ha respinto la richiesta della difesa dell'ex funzionario comunale di escludere dal fascicolo le lettere della dirigente scolastica sulle infiltrazioni, ritenendole regolarmente acquisite.

È stato sentito anche l'ex sindaco di Castelnuovo, Renato Fabris, citato come testimone. ^Fabris ha detto di non aver mai ricevuto segnalazioni di pericolo per la palestra. ^"Le questioni tecniche passavano dall'ufficio competente, a me non arrivò nulla di allarmante", ha dichiarato.

La prossima udienza è fissata per il 6 ottobre, quando sarà ascoltato il collaudatore. Il ritorno in palestra delle studentesse resta lontano: i lavori per la nuova struttura, finanziati dalla Regione, non partiranno prima della prossima primavera.
'''),
dict(id='it-triveneto-tappa3', lang='it', kind='wire', when='2026-09-12 17:35', city='FELTRE',
     sec='sport', breaking=False,
     title="Giro del Triveneto, Rinaldi vince la terza tappa in volata a Feltre",
     alt="Volata vincente di Rinaldi a Feltre, sua la terza tappa del Giro del Triveneto",
     short="Triveneto, a Feltre vince Rinaldi",
     syn=[('gruppo', 'plotone'), ('tappa', 'frazione'), ('squadra', 'formazione'), ('squadre', 'formazioni'), ('al traguardo', "all'arrivo"), ('fuggitivi', 'battistrada'),
          ('maglia di leader della classifica generale', 'maglia di capoclassifica')],
     update=None,
     body='''
Matteo Rinaldi ha vinto in volata la terza tappa del Giro del Triveneto, 168 chilometri da Bassano del Grappa a Feltre. Il velocista bresciano della Ciclistica Orobica ha preceduto sul traguardo di viale Mazzini il belga Jens Vermaelen e il giovane veneto Nicolò Pavan.

La tappa è stata animata per oltre cento chilometri da una fuga di quattro corridori, tra cui il danese Mikkel Holst, che ha raggiunto un vantaggio massimo di quattro minuti e mezzo. Il gruppo, tirato dalle squadre dei velocisti, ha ripreso gli ultimi fuggitivi a sei chilometri dall'arrivo.

Nel finale una caduta a due chilometri dal traguardo ha spezzato il gruppo. ^Sono rimasti coinvolti una decina di corridori, nessuno in modo grave. Rinaldi, ben pilotato dai compagni, è uscito dall'ultima curva in seconda posizione e ha lanciato lo sprint ai 200 metri.

"Sapevo che la squadra mi avrebbe portato davanti nel momento giusto, ho dovuto solo fare l'ultimo sforzo", ha detto il vincitore dopo l'arrivo. Per Rinaldi è la terza vittoria stagionale, la prima in una corsa a tappe.

Grazie agli abbuoni, il bresciano conquista anche la maglia di leader della classifica generale con quattro secondi di vantaggio su Vermaelen. Più staccati gli uomini di classifica, che oggi si sono limitati a controllare la corsa.

Domani la quarta tappa, la più attesa: 152 chilometri da Feltre al Passo Cereda, con l'arrivo in salita dopo quasi quindici chilometri di ascesa. "Sarà difficile difendere la maglia, ma ci proverò", ha detto Rinaldi.
'''),
dict(id='it-triveneto-tappa4', lang='it', kind='wire', when='2026-09-13 17:50', city='PASSO CEREDA',
     sec='sport', breaking=False,
     title="Villalba domina sul Passo Cereda e prende la maglia di leader",
     alt="Sul Passo Cereda domina Villalba, che si prende la maglia di leader del Triveneto",
     short="Villalba vince al Passo Cereda",
     syn=[('gruppetto', 'drappello'), ('tappa', 'frazione'), ('squadra', 'formazione'), ('al traguardo', "all'arrivo"), ('il traguardo', "l'arrivo"),
          ('maglia di leader della classifica generale', 'maglia di capoclassifica'), ('scalatore', 'grimpeur')],
     update="Il danese Mikkel Holst ha riportato la frattura della clavicola sinistra e non ripartirà domani.",
     body='''
Il colombiano Andrés Villalba ha vinto per distacco la quarta tappa del Giro del Triveneto, 152 chilometri da Feltre al Passo Cereda, e si è preso la maglia di leader della classifica generale. Lo scalatore della Team Andino ha attaccato a nove chilometri dall'arrivo e ha tagliato il traguardo da solo, con 38 secondi di vantaggio sullo spagnolo Iker Goenaga.

Terzo, a un minuto e cinque secondi, l'italiano Davide Sartor, che in classifica generale sale al secondo posto. La maglia di leader conquistata ieri a Feltre da Matteo Rinaldi è rimasta lontana già dalle prime rampe. ^Il velocista bresciano è arrivato con il gruppetto a oltre diciotto minuti.

La corsa si è accesa sulla salita di Croce d'Aune, a metà percorso, dove un gruppo di otto corridori ha guadagnato fino a due minuti. La squadra di Villalba ha controllato l'andatura fino all'inizio dell'ascesa finale. ^Poi il colombiano ha fatto il vuoto con uno scatto secco.

"Avevo studiato questa salita in primavera, sapevo che dopo il tornante più duro avrei potuto fare la differenza", ha raccontato Villalba, 24 anni, al traguardo. ^Per lui è il primo successo in Europa.

La giornata è stata segnata anche dal ritiro del danese Mikkel Holst, protagonista della fuga di ieri, caduto in discesa e portato all'ospedale di Feltre per accertamenti a una spalla.

In classifica generale Villalba guida ora con 52 secondi su Sartor e un minuto e dieci su Goenaga. Domani è in programma la quinta e penultima tappa, una frazione mossa di 176 chilometri con arrivo a Bassano del Grappa.
'''),
dict(id='it-teatro-rivalta', lang='it', kind='wire', when='2026-09-16 11:05', city='COMO',
     sec='culture', breaking=False,
     title="Riapre il teatro di Rivalta sul Lario dopo otto anni di restauri",
     alt="Dopo otto anni di restauri il teatro di Rivalta riapre le sue porte",
     short="Rivalta ritrova il suo teatro",
     syn=[('cartellone', 'programma'), ('sala', 'platea'), ('restauri', 'lavori di recupero'), ('pitture', 'immagini')],
     update=None,
     body='''
Dopo otto anni di cantieri, ritardi e polemiche, il Teatro Comunale di Rivalta sul Lario riaprirà al pubblico sabato 3 ottobre. Lo ha annunciato oggi il sindaco, Stefano Moretti, presentando il cartellone della prima stagione nella sala appena restaurata.

Il teatro, costruito nel 1884 e chiuso nel 2018 per problemi strutturali, è stato oggetto di un intervento da 6,4 milioni di euro, finanziato in gran parte dalla Regione Lombardia e da una fondazione bancaria. I lavori hanno riguardato il consolidamento del tetto, il rifacimento degli impianti e il restauro delle decorazioni del soffitto, ritrovate sotto tre strati di vernice.

"Abbiamo scoperto un ciclo di affreschi che nessuno ricordava più", ha raccontato la restauratrice Giulia Negri, che ha guidato il gruppo di lavoro. ^Le pitture raffigurano le allegorie delle quattro stagioni e sono attribuite a un pittore locale della fine dell'Ottocento.

La sala avrà 410 posti, una cinquantina in meno rispetto al passato, per rispettare le nuove norme di sicurezza. Il palcoscenico è stato ampliato e dotato di una nuova torre scenica, che permetterà di ospitare anche spettacoli d'opera.

La serata inaugurale sarà affidata all'orchestra giovanile del Lario con un programma dedicato a Verdi e Puccini. ^Seguiranno, fino a maggio, ventidue spettacoli di prosa, danza e musica, oltre a una rassegna di teatro per le scuole.

Non sono mancate le critiche. L'opposizione in consiglio comunale ha ricordato che i lavori, partiti nel 2019, sarebbero dovuti terminare in tre anni. ^Il costo finale, inoltre, è cresciuto di quasi due milioni rispetto al progetto iniziale. "Siamo felici della riapertura, ma qualcuno dovrà spiegare questi ritardi", ha detto la capogruppo Elena Ruggeri.
'''),
# ============================ PORTUGUESE (agency AAN) =====================
dict(id='pt-norvia-resultados', lang='pt', kind='wire', when='2026-09-10 08:40', city='AVEIRO',
     sec='business', breaking=False,
     title="Lucros da Norvia caem 18% no primeiro semestre",
     alt="Norvia vê lucros cair 18% no primeiro semestre",
     short="Norvia: lucros caem 18%",
     syn=[('grupo', 'conglomerado'), ('das encomendas', 'dos pedidos'), ('receitas', 'vendas totais'), ('sessão', 'jornada')],
     update=None,
     body='''
A Norvia, fabricante de componentes para automóveis com sede em Aveiro, registou um lucro líquido de 21,4 milhões de euros no primeiro semestre, menos 18% do que no mesmo período do ano passado. Os resultados foram comunicados hoje ao mercado.

As vendas recuaram 7%, para 312 milhões de euros, penalizadas sobretudo pela quebra das encomendas dos construtores alemães, que representam mais de metade da faturação do grupo. ^Em contrapartida, o negócio de peças para veículos elétricos cresceu 11% e já pesa 24% nas receitas.

"Vivemos um semestre exigente, marcado pelo abrandamento da indústria automóvel europeia e pela subida dos custos da energia", afirmou o presidente executivo, Rui Carvalhal, numa conferência telefónica com analistas. ^O gestor garantiu que a empresa mantém "uma posição financeira sólida".

A dívida líquida subiu para 145 milhões de euros, devido aos investimentos na nova linha de produção de caixas de baterias, em Ílhavo. ^A linha deverá arrancar no início do próximo ano. A empresa manteve o investimento previsto de 60 milhões de euros para 2026.

Para a segunda metade do ano, a administração prevê uma estabilização das vendas, mas reviu em baixa a estimativa de margem operacional, de 9% para um valor entre 7% e 8%. Carvalhal admitiu que o grupo está a estudar "medidas de ajustamento da capacidade" em algumas fábricas, sem adiantar pormenores.

As ações da Norvia fecharam a sessão a cair 4,2% na bolsa de Lisboa. ^Foi a maior descida do dia entre as cotadas do índice principal.
'''),
dict(id='pt-norvia-despedimentos', lang='pt', kind='wire', when='2026-09-15 13:10', city='AVEIRO',
     sec='business', breaking=True,
     title="Norvia vai despedir 420 trabalhadores na fábrica de Oliveira de Azeméis",
     alt="Norvia anuncia despedimento de 420 trabalhadores em Oliveira de Azeméis",
     short="Norvia despede 420 em Oliveira de Azeméis",
     syn=[('das encomendas', 'dos pedidos'), ('plenário', 'encontro geral'), ('pessoal', 'efetivo')],
     update="A administração da Norvia aceitou reunir-se com o sindicato na próxima segunda-feira.",
     body='''
A Norvia vai despedir 420 trabalhadores na fábrica de Oliveira de Azeméis, cerca de um terço do pessoal da unidade, anunciou hoje a empresa de componentes para automóveis. O despedimento coletivo deverá ficar concluído até ao final do ano.

Em comunicado, a administração justifica a decisão com a "redução prolongada das encomendas" dos clientes alemães e com a transferência de parte da produção de peças para motores de combustão para a fábrica do grupo em Marrocos. A unidade de Oliveira de Azeméis passará a concentrar-se em componentes para veículos elétricos.

A notícia foi dada aos trabalhadores numa reunião ao início da manhã. "Ninguém esperava um número desta dimensão, há famílias inteiras que trabalham aqui", disse à saída Paula Resende, operária há dezanove anos na empresa.

O sindicato das indústrias metalúrgicas da região convocou um plenário para quinta-feira e não exclui uma greve. "A empresa recebeu apoios públicos para modernizar as fábricas e agora despede centenas de pessoas", criticou o dirigente sindical Hélder Pinto.

O presidente da câmara de Oliveira de Azeméis pediu uma reunião urgente com o Governo e com a administração da Norvia. O Ministério da Economia disse estar a acompanhar a situação. ^Lembrou ainda que a empresa terá de apresentar um plano de apoio à requalificação dos trabalhadores.

A Norvia emprega cerca de 3.100 pessoas em Portugal, distribuídas por quatro fábricas. Na semana passada, ao apresentar os resultados semestrais, o grupo tinha admitido estudar "ajustamentos de capacidade", sem avançar números.
'''),
dict(id='pt-vilarinho-sines', lang='pt', kind='wire', when='2026-09-13 21:55', city='VILARINHO',
     sec='sport', breaking=False,
     title="Vilarinho vence Académico de Sines com golo no fim e isola-se na liderança",
     alt="Golo no fim dá vitória ao Vilarinho frente ao Académico de Sines",
     short="Vilarinho bate Sines e lidera",
     syn=[('visitantes', 'forasteiros'), ('canto', 'pontapé de canto'), ('fintar', 'driblar')],
     update=None,
     body='''
A União Desportiva de Vilarinho venceu hoje o Académico de Sines por 2-1, num jogo da quinta jornada da Liga decidido já perto do fim, e isolou-se no primeiro lugar da classificação. O golo da vitória foi marcado por Bruno Vaz aos 88 minutos, de cabeça, na sequência de um canto.

A equipa da casa entrou melhor e chegou à vantagem aos 23 minutos, por Tiago Mendonça. ^O avançado aproveitou um passe longo do central Ivo Lemos para fintar o guarda-redes e rematar para a baliza deserta.

O Académico reagiu na segunda parte e empatou aos 61 minutos, por Rafael Coutinho, num remate de fora da área que ainda desviou num defesa. Nos minutos seguintes, os visitantes estiveram mais perto do segundo golo, com uma bola no poste.

"Sofremos muito, mas esta equipa nunca desiste", afirmou no final o treinador do Vilarinho, Nuno Faria. ^"Estamos a viver um bom momento, mas ainda só passaram cinco jornadas."

O técnico do Académico de Sines, Carlos Brito, queixou-se da arbitragem, alegando que o canto que deu origem ao golo não existiu. ^"A bola saiu tocada por um jogador deles, toda a gente viu", disse.

Com esta vitória, o Vilarinho soma 13 pontos, mais dois do que o segundo classificado. Na quinta-feira, a equipa volta a jogar em casa, frente ao Desportivo de Montalegre, para a terceira eliminatória da Taça da Liga.
'''),
dict(id='pt-vilarinho-taca', lang='pt', kind='wire', when='2026-09-17 22:40', city='VILARINHO',
     sec='sport', breaking=False,
     title="Vilarinho eliminado da Taça da Liga pelo Montalegre nos penáltis",
     alt="Montalegre afasta Vilarinho da Taça da Liga nos penáltis",
     short="Vilarinho cai nos penáltis",
     syn=[('penálti', 'castigo máximo'), ('onze inicial', 'equipa titular'), ('herói', 'protagonista')],
     update=None,
     body='''
A União Desportiva de Vilarinho foi hoje eliminada da Taça da Liga pelo Desportivo de Montalegre, ao perder por 5-4 no desempate por grandes penalidades, depois de um empate a uma bola no tempo regulamentar. O penálti decisivo foi desperdiçado pelo médio Diogo Sampaio, que atirou por cima da barra.

Quatro dias depois de ter chegado à liderança do campeonato, o treinador Nuno Faria fez sete alterações no onze inicial e a equipa ressentiu-se. O Montalegre, que joga num escalão abaixo, marcou primeiro, aos 34 minutos, por Hugo Sardinha, num contra-ataque rápido.

O Vilarinho só reagiu depois da entrada de Tiago Mendonça e Bruno Vaz, os autores dos golos da última jornada. O empate chegou aos 79 minutos, por Mendonça, num remate cruzado após uma jogada pela esquerda.

No prolongamento, nenhuma das equipas conseguiu marcar, apesar de uma bola do Vilarinho na trave aos 112 minutos. Nos penáltis, o guarda-redes do Montalegre, Álvaro Teles, foi o herói da noite, com uma defesa ao segundo remate.

"Assumo a responsabilidade pelas escolhas, quis dar minutos a quem tem jogado menos", explicou Faria. ^"Agora o foco está todo no campeonato." O treinador do Montalegre, Vítor Cunha, falou numa "noite histórica" para o clube.

O Vilarinho volta a jogar no domingo, na deslocação ao terreno do Sporting de Valdevez, para a sexta jornada da Liga. A equipa mantém a liderança isolada do campeonato, com dois pontos de vantagem.
'''),
dict(id='pt-greve-maquinistas', lang='pt', kind='wire', when='2026-09-11 09:20', city='LISBOA',
     sec='transport', breaking=True,
     title="Greve dos maquinistas deixa milhares sem comboios na Grande Lisboa",
     alt="Milhares sem comboios na Grande Lisboa devido à greve dos maquinistas",
     short="Greve de maquinistas pára comboios em Lisboa",
     syn=[('adesão', 'participação'), ('paragem', 'parada'), ('horas extraordinárias', 'horas extra')],
     update="A Ferrolis informa que a circulação na linha de Sintra foi normalizada a partir das 11h30.",
     body='''
Uma greve dos maquinistas deixou hoje milhares de passageiros sem transporte na Grande Lisboa, com a supressão de cerca de 70% dos comboios urbanos previstos até às 10h00. As linhas de Sintra e da Azambuja foram as mais afetadas, segundo a operadora Ferrolis.

Nas estações do Rossio e de Agualva-Cacém formaram-se longas filas logo ao início da manhã, e muitos passageiros tentaram alternativas nos autocarros, que circularam sobrelotados. "Saí de casa às seis e ainda não consegui chegar ao trabalho", contou Marta Salgueiro, enfermeira, na paragem em frente à estação de Queluz.

A paralisação foi convocada pelo Sindicato Nacional dos Maquinistas Ferroviários, que exige aumentos salariais de 6% e a contratação de pelo menos oitenta novos maquinistas. O sindicato diz que a falta de pessoal obriga os trabalhadores a acumular horas extraordinárias e a prescindir de folgas.

A adesão foi de 85%, de acordo com o coordenador do sindicato, Jorge Calado. ^"Não fazemos greve por gosto, mas a empresa recusa negociar há sete meses", afirmou à AAN.

A administração da Ferrolis considera a greve "injustificada" e lembra que apresentou uma proposta de aumento de 3,5%. A empresa garantiu os serviços mínimos definidos pelo tribunal arbitral, que abrangem um terço das ligações nas horas de ponta.

Estão marcados novos dias de greve para 18 e 25 de setembro. O Ministério das Infraestruturas apelou às partes para que retomem as negociações ainda na próxima semana.
'''),
dict(id='pt-urgencia-pediatrica', lang='pt', kind='wire', when='2026-09-14 10:15', city='SETÚBAL',
     sec='health', breaking=False,
     title="Urgência pediátrica do hospital de Vale Formoso vai fechar durante a noite",
     alt="Hospital de Vale Formoso fecha urgência pediátrica à noite por falta de médicos",
     short="Vale Formoso: urgência pediátrica fecha à noite",
     syn=[('pediatras', 'médicos pediatras'), ('escalas', 'turnos'), ('autarcas', 'eleitos locais')],
     update=None,
     body='''
A urgência pediátrica do Hospital Distrital de Vale Formoso vai deixar de funcionar entre as 20h00 e as 08h00 a partir de 1 de outubro, por falta de médicos. A decisão foi confirmada hoje pela administração da unidade, que serve cerca de 250 mil habitantes.

Durante a noite, as crianças que precisem de cuidados urgentes serão encaminhadas para o hospital de Setúbal, a cerca de 40 quilómetros. Os casos mais graves continuarão a ser estabilizados na urgência geral de Vale Formoso antes da transferência.

Segundo o diretor clínico, Manuel Antunes, o serviço conta atualmente com apenas seis pediatras, quando seriam necessários pelo menos onze para assegurar as escalas. ^"Fizemos tudo para evitar esta solução, mas não podemos pôr em risco a segurança dos doentes", afirmou.

Nos últimos dois anos, quatro pediatras deixaram o hospital, três deles para o setor privado. Os concursos abertos desde janeiro ficaram desertos, apesar dos incentivos oferecidos para a fixação de médicos na região.

A decisão foi recebida com preocupação pelos autarcas da região. O presidente da câmara de Vale Formoso, Artur Mendes, classificou o encerramento como "um retrocesso inaceitável" e anunciou que vai pedir uma audiência à ministra da Saúde.

Uma associação de pais do concelho lançou uma petição que, ao final da tarde, já reunia mais de três mil assinaturas. ^Os promotores pedem que o encerramento seja temporário e que o hospital recorra a médicos de outras unidades.
'''),
# ============================ DUTCH (agency NPN) ==========================
dict(id='nl-flevoland-formatie-klapt', lang='nl', kind='wire', when='2026-09-09 22:30', city='LELYSTAD',
     sec='politics', breaking=True,
     title="Coalitiegesprekken in Flevoland klappen om windpark",
     alt="Onderhandelingen over nieuwe coalitie in Flevoland vastgelopen op windpark",
     short="Formatie Flevoland geklapt",
     syn=[('partijen', 'fracties'), ('provinciebestuur', 'provinciaal bestuur'), ('eindverslag', 'slotverslag')],
     update=None,
     body='''
De onderhandelingen over een nieuw provinciebestuur in Flevoland zijn vanavond geklapt. Polderbelang, Progressief Flevoland en Christen Sociaal Flevoland konden het niet eens worden over de bouw van een groot windpark langs het Markermeer, meldt informateur Hanneke Wolters.

De drie partijen praatten sinds de val van het vorige college, begin juli, over een nieuwe samenwerking. Volgens betrokkenen lag er al een bijna compleet akkoord over woningbouw, openbaar vervoer en landbouw. ^Het windpark bleef echter tot het laatst een struikelblok.

Polderbelang wil dat de provincie het project met zestig windturbines schrapt. "Onze achterban is er klaar mee. De polder is geen stopcontact voor de rest van het land", zei fractievoorzitter Gert-Jan Hoekstra na afloop. Progressief Flevoland noemt het windpark juist onmisbaar om de klimaatdoelen te halen.

Informateur Wolters schrijft in haar eindverslag dat "het vertrouwen tussen de partijen onvoldoende is gebleken" om verder te praten. ^Ze adviseert Provinciale Staten om te kijken naar een andere combinatie van partijen, mogelijk met steun van een of meer kleinere fracties.

Sinds juli wordt de provincie bestuurd door een zogeheten zakencollege dat alleen lopende zaken afhandelt. Belangrijke beslissingen, onder meer over de financiering van nieuwe busverbindingen en de aanleg van fietspaden, liggen daardoor stil.

Provinciale Staten bespreken het verslag van de informateur volgende week woensdag. Oppositiepartijen spreken van "verloren maanden". Een nieuwe informateur wordt naar verwachting nog deze maand aangesteld.
'''),
dict(id='nl-flevoland-informateur', lang='nl', kind='wire', when='2026-09-16 21:45', city='LELYSTAD',
     sec='politics', breaking=False,
     title="Nieuwe informateur in Flevoland moet coalitie zonder Polderbelang verkennen",
     alt="Flevoland: nieuwe informateur gaat coalitie zonder Polderbelang onderzoeken",
     short="Flevoland zoekt coalitie zonder Polderbelang",
     syn=[('partijen', 'fracties'), ('provinciebestuur', 'provinciaal bestuur'), ('debat', 'beraad'), ('motie', 'voorstel')],
     update=None,
     body='''
Provinciale Staten van Flevoland hebben vanavond oud-burgemeester Karel Jansma aangesteld als nieuwe informateur. Hij moet onderzoeken of een provinciebestuur zonder Polderbelang, de grootste partij in de Staten, mogelijk is.

Het besluit volgt een week na het klappen van de onderhandelingen tussen Polderbelang, Progressief Flevoland en Christen Sociaal Flevoland over een windpark langs het Markermeer. Een meerderheid van de Staten steunde een motie van Progressief Flevoland om eerst een coalitie met vier kleinere partijen te verkennen.

Tijdens het debat verweet Polderbelang de andere partijen dat ze "de kiezer negeren". "Wij zijn met afstand de grootste partij. Wie ons buitenspel zet, gaat voorbij aan de uitslag", zei fractievoorzitter Gert-Jan Hoekstra. ^Hij kondigde aan dat zijn partij zich "constructief maar kritisch" zal opstellen.

Progressief Flevoland en Christen Sociaal Flevoland wezen erop dat Polderbelang zelf het windpark tot breekpunt had gemaakt. "Wij hebben maandenlang gepraat. Nu is het tijd voor een bestuur dat wel besluiten kan nemen", zei CSF-fractievoorzitter Marloes Bakker.

Jansma was tot vorig jaar burgemeester van Zeewolde en heeft zes weken de tijd. ^Hij wil volgende week met alle fracties afzonderlijk praten. Een coalitie van vier partijen zou in de Staten een meerderheid van slechts één zetel hebben.

Het zakencollege blijft voorlopig aan. Gedeputeerde Ilse Brouwer liet weten dat het college in de tussentijd wel een besluit neemt over de busverbindingen die per december zouden verdwijnen, omdat dat "niet langer kan wachten".
'''),
dict(id='nl-herfststorm', lang='nl', kind='wire', when='2026-09-11 12:30', city='AMSTERDAM',
     sec='news', breaking=True,
     title="Eerste herfststorm legt treinverkeer plat en velt honderden bomen",
     alt="Honderden bomen geveld en treinverkeer plat door eerste herfststorm",
     short="Herfststorm legt treinen plat",
     syn=[('takken', 'twijgen'), ('bestuurder', 'automobilist'), ('hekken', 'schuttingen')],
     update="Het treinverkeer tussen Amsterdam en Alkmaar rijdt weer volgens de dienstregeling; tussen Alkmaar en Den Helder rijden nog bussen.",
     body='''
De eerste herfststorm van het seizoen heeft vandaag in grote delen van het land voor overlast gezorgd. Honderden bomen waaiden om, het treinverkeer in het noorden en westen lag urenlang grotendeels stil en op de nationale luchthaven werden ruim tweehonderd vluchten geschrapt.

Voor de kustprovincies gold tot het begin van de middag code oranje. Op de Waddeneilanden en in Noord-Holland werden windstoten tot 110 kilometer per uur gemeten. In Haarlem viel een boom op een rijdende auto; de bestuurder raakte lichtgewond. Elders bleef het bij materiële schade.

Op het spoor ging het vooral mis door omgewaaide bomen en takken in de bovenleiding. Tussen Amsterdam, Alkmaar en Den Helder reden tot na het middaguur geen treinen. Reizigers werden gevraagd hun reis zo veel mogelijk uit te stellen. Bussen vervingen de treinen slechts gedeeltelijk.

Brandweerkorpsen kregen honderden meldingen binnen van losgeraakte dakpannen, omgewaaide hekken en ingewaaide steigers. "Het was de hele ochtend alle hens aan dek", zei een woordvoerder van de brandweer. Veel scholen in Noord-Holland lieten leerlingen later beginnen.

Ook het wegverkeer had last van de storm. De Afsluitdijk was een deel van de ochtend afgesloten voor vrachtwagens en aanhangers, en op verschillende provinciale wegen lagen bomen over de weg.

In de loop van de middag nam de wind af. Meteorologen verwachten voor het weekend wisselvallig weer met buien, maar geen nieuwe storm. Het treinverkeer wordt naar verwachting vanavond grotendeels hersteld.
'''),
dict(id='nl-tolsma-schilderij', lang='nl', kind='wire', when='2026-09-15 10:30', city='DEVENTER',
     sec='culture', breaking=False,
     title="Deventer museum krijgt verloren gewaand schilderij van Hendrick Tolsma terug",
     alt="Verloren gewaand schilderij van Tolsma terug in Deventer museum",
     short="Tolsma-schilderij terug in Deventer",
     syn=[('conservator', 'museumconservator'), ('veilingcatalogus', 'catalogus'), ('restauratoren', 'restaurateurs')],
     update=None,
     body='''
Een schilderij van de zeventiende-eeuwse Deventer schilder Hendrick Tolsma dat meer dan tachtig jaar als verloren gold, is terug in de stad. Museum Het Veerhuis heeft het werk, een gezicht op de IJssel bij winter, voor 340.000 euro gekocht op een veiling in Londen.

Het doek hing tot de Tweede Wereldoorlog in het stadhuis van Deventer en verdween in 1944, toen het gebouw werd gevorderd. ^Wat er daarna mee gebeurde, is lange tijd onduidelijk gebleven. Volgens het museum dook het schilderij in de jaren zestig op in een Engelse privécollectie, waar het onder een andere naam bekendstond.

Conservator Femke Lubbers herkende het werk vorig jaar in een veilingcatalogus. ^"Ik zag het ijs, de kerktoren op de achtergrond en de kleine figuurtjes met hun sleeën, en wist het eigenlijk meteen", zegt ze. ^Onderzoek naar de verf en het linnen bevestigde haar vermoeden.

De aankoop werd mogelijk gemaakt door bijdragen van de gemeente, twee fondsen en ruim negenhonderd particulieren. ^Die brachten via een inzamelingsactie samen 85.000 euro bijeen. "Dat zoveel Deventenaren meebetaalden, zegt veel over hoe de stad aan dit schilderij hecht", aldus directeur Pieter Kamphuis.

Het schilderij wordt de komende weken schoongemaakt en onderzocht door restauratoren. Vanaf 17 oktober is het te zien in een kleine tentoonstelling over Tolsma, van wie slechts een tiental werken bekend is.

Het museum onderzoekt ook of er andere werken uit het oude stadhuis in buitenlandse collecties terecht zijn gekomen. Volgens Lubbers zijn er "minstens drie kandidaten" waar nader onderzoek naar wordt gedaan.
'''),
dict(id='nl-waterlinde-vonnis', lang='nl', kind='wire', when='2026-09-16 14:10', city='ZWOLLE',
     sec='court', breaking=False,
     title="Oud-bestuurder zorggroep Waterlinde krijgt drie jaar cel voor fraude",
     alt="Drie jaar cel voor oud-bestuurder van zorggroep Waterlinde wegens fraude",
     short="Drie jaar cel voor Waterlinde-bestuurder",
     syn=[('zittingen', 'zittingsdagen'), ('weggesluisd', 'verduisterd'), ('adviesbureau', 'consultancybureau')],
     update="Het Openbaar Ministerie laat weten zich te beraden op hoger beroep.",
     body='''
De rechtbank in Zwolle heeft de voormalige bestuurder van zorggroep Waterlinde veroordeeld tot drie jaar cel, waarvan een half jaar voorwaardelijk. De 58-jarige man uit Kampen heeft volgens de rechters tussen 2019 en 2023 ruim 1,8 miljoen euro aan zorggeld weggesluisd.

De man liet de zorggroep facturen betalen van een adviesbureau dat op naam van zijn schoonzus stond. ^Daar stonden volgens het onderzoek nauwelijks werkzaamheden tegenover. Het geld werd onder meer gebruikt voor de aankoop van een vakantiewoning in Frankrijk en een zeilboot.

"Verdachte heeft het vertrouwen van cliënten, medewerkers en zorgverzekeraars ernstig beschaamd", zei de rechter bij de uitspraak. De rechtbank rekende hem zwaar aan dat de fraude plaatsvond in een periode waarin de zorggroep moest bezuinigen en personeel ontsloeg.

Het Openbaar Ministerie had vier jaar cel geëist. ^De rechtbank bleef daaronder omdat de man een deel van het geld heeft terugbetaald en de zaak lang heeft geduurd. De schoonzus, die ook terechtstond, kreeg een taakstraf van 180 uur.

De advocaat van de oud-bestuurder zei na afloop dat zijn cliënt de uitspraak "zorgvuldig gaat bestuderen". Tijdens de zittingen hield de man vol dat het adviesbureau wel degelijk werk had geleverd, onder meer bij een reorganisatie.

Waterlinde, dat in de regio elf verpleeghuizen beheert, heeft een civiele procedure tegen de man aangespannen om de rest van het geld terug te krijgen. De huidige bestuurder spreekt van "een pijnlijk hoofdstuk" dat de organisatie achter zich wil laten.
'''),
# ============================ LOCAL SINGLETONS ============================
dict(id='it-local-via-garibaldi', lang='it', kind='local', outlet='gazzettadelnord', when='2026-09-10 11:20',
     city=None, sec='news', breaking=False,
     title="Via Garibaldi chiusa per tre settimane per i lavori alle fognature",
     alt="Cassano Vecchio, via Garibaldi chiusa tre settimane per le fognature",
     short="Via Garibaldi, tre settimane di cantiere",
     syn=[], update=None,
     body='''
Da lunedì 14 settembre via Garibaldi, nel centro di Cassano Vecchio, resterà chiusa al traffico per tre settimane per il rifacimento della rete fognaria. Lo ha comunicato l'ufficio tecnico del Comune, che ha pubblicato sul sito le deviazioni previste.

I lavori, dal costo di 420 mila euro, interesseranno il tratto tra piazza della Repubblica e l'incrocio con via dei Mille. I pedoni potranno comunque raggiungere i negozi grazie a un passaggio protetto lungo il lato destro della strada.

Le linee 3 e 7 degli autobus urbani saranno deviate su viale Europa, con fermate provvisorie segnalate da cartelli gialli. "Abbiamo scelto settembre per non penalizzare il commercio nel periodo natalizio", ha spiegato l'assessore ai lavori pubblici, Franco Olivieri.

I commercianti della zona chiedono però uno sconto sulla tassa dei rifiuti per i mesi del cantiere. La richiesta sarà discussa nel prossimo consiglio comunale.
'''),
dict(id='it-local-battelli', lang='it', kind='local', outlet='lavocedellago', when='2026-09-15 16:40',
     city=None, sec='transport', breaking=False,
     title="Battelli, con l'orario invernale sei corse serali in meno",
     alt="Orario invernale dei battelli: tagliate sei corse serali",
     short="Battelli, sei corse in meno",
     syn=[], update=None,
     body='''
Dal primo ottobre torna l'orario invernale della navigazione sul lago, con sei corse serali in meno sulla tratta tra Rivalta sul Lario e Varenna. La società di gestione ha motivato il taglio con il calo dei passeggeri dopo la fine della stagione turistica.

Nei mesi estivi i battelli hanno trasportato oltre 900 mila persone, il 6 per cento in più rispetto allo scorso anno. Da ottobre a marzo, però, la domanda si riduce di due terzi.

Protestano i pendolari, soprattutto gli studenti che frequentano le scuole superiori sull'altra sponda. "L'ultima corsa alle 19.10 è troppo presto per chi fa sport o lavora fino a tardi", spiega Chiara Longhi, portavoce del comitato dei pendolari del lago.

Il comitato ha raccolto 1.200 firme e chiede almeno una corsa aggiuntiva alle 20.30 nei giorni feriali. La società ha promesso una risposta entro la fine del mese.
'''),
dict(id='pt-local-feira-livro', lang='pt', kind='local', outlet='diariodoatlantico', when='2026-09-12 10:00',
     city=None, sec='culture', breaking=False,
     title="Feira do Livro de São Brás da Costa regressa com 45 expositores",
     alt="São Brás da Costa: Feira do Livro volta com mais expositores",
     short="Feira do Livro regressa a São Brás da Costa",
     syn=[], update=None,
     body='''
A Feira do Livro de São Brás da Costa abre as portas na próxima sexta-feira, no Largo do Pescador, e vai contar este ano com 45 expositores, mais dez do que na edição anterior. O certame decorre até 27 de setembro.

O programa inclui apresentações de livros, sessões de autógrafos e um ciclo de conversas sobre literatura e mar, com escritores da região. Ao fim de semana haverá ainda oficinas de ilustração para crianças.

"Queremos que a feira seja um ponto de encontro e não apenas um lugar de venda", explicou a vereadora da Cultura, Sandra Pimentel. A autarquia investiu 60 mil euros na organização.

A feira estará aberta todos os dias entre as 17h00 e as 23h00, e entre as 10h00 e a meia-noite aos sábados e domingos.
'''),
dict(id='pt-local-estacionamento', lang='pt', kind='local', outlet='correiodomondego', when='2026-09-16 18:00',
     city=None, sec='news', breaking=False,
     title="Câmara de Vila Franca do Mondego aprova parque de estacionamento junto ao centro de saúde",
     alt="Vila Franca do Mondego vai ter parque de estacionamento junto ao centro de saúde",
     short="Novo parque junto ao centro de saúde",
     syn=[], update=None,
     body='''
A Câmara Municipal de Vila Franca do Mondego aprovou ontem, por unanimidade, a construção de um parque de estacionamento com 120 lugares junto ao centro de saúde. A obra está orçada em 480 mil euros.

O novo parque vai ocupar um terreno municipal que estava devoluto há mais de dez anos. Terá 12 lugares reservados a pessoas com mobilidade reduzida e quatro postos de carregamento para veículos elétricos.

"É uma reivindicação antiga dos utentes, que muitas vezes tinham de estacionar a várias centenas de metros", afirmou o presidente da câmara, José Albano Ribeiro. As obras deverão começar em janeiro e durar seis meses.

A oposição votou a favor, mas pediu que o parque seja gratuito nas primeiras duas horas. A proposta será analisada na próxima reunião do executivo.
'''),
dict(id='nl-local-storm-oosterzande', lang='nl', kind='local', outlet='dagbladvandedelta', when='2026-09-12 11:00',
     city=None, sec='news', breaking=False,
     title="Storm blaast dak van tribune VV Oosterzande",
     alt="Tribune VV Oosterzande zwaar beschadigd door storm",
     short="Stormschade bij VV Oosterzande",
     syn=[], update=None,
     body='''
De storm van vrijdag heeft op sportpark De Zandweg in Oosterzande flinke schade aangericht. Het dak van de houten tribune van voetbalvereniging VV Oosterzande werd door een windstoot van de palen gerukt en belandde op het naastgelegen kunstgrasveld.

"Het geluid was enorm, alsof er een vrachtwagen door de kantine reed", vertelt terreinbeheerder Wim Dekker, die op het moment van de windstoot aan het werk was. Er waren geen spelers of bezoekers op het complex aanwezig.

Het kunstgrasveld is over een lengte van ruim twintig meter beschadigd. De wedstrijden van zaterdag en zondag zijn afgelast. Volgens voorzitter Annemiek Verhage loopt de schade vermoedelijk in de tienduizenden euro's.

De gemeente heeft toegezegd te helpen bij het opruimen. De club hoopt dat de verzekering de kosten van een nieuwe overkapping dekt. Tot die tijd kijken supporters langs de lijn, "zoals vroeger", aldus Verhage.
'''),
]

HARD_NEGATIVES = [
    ['it-incendio-valdorsa', 'it-valdorsa-danni'],          # wildfire outbreak vs next-day damage
    ['it-crollo-perito', 'it-crollo-difesa'],                # two hearings of one trial
    ['it-triveneto-tappa3', 'it-triveneto-tappa4'],          # stage 3 vs stage 4
    ['pt-norvia-resultados', 'pt-norvia-despedimentos'],     # results vs layoffs
    ['pt-vilarinho-sines', 'pt-vilarinho-taca'],             # two matches of one club
    ['nl-flevoland-formatie-klapt', 'nl-flevoland-informateur'],  # talks collapse vs new informateur
    ['nl-herfststorm', 'nl-local-storm-oosterzande'],        # national storm wire vs local storm damage
]

# ---------------------------------------------------------------------------
# Outlets
# ---------------------------------------------------------------------------
OUTLETS = [
    dict(id='gazzettadelnord', name='Gazzetta del Nord', lang='it', fmt='rss', enc='UTF-8',
         base='https://www.gazzettadelnord.example', body='description', mode='escape',
         desc='Notizie, cronaca e sport dal Nord Italia', suffix=' | Gazzetta del Nord', start=48100),
    dict(id='lavocedellago', name='La Voce del Lago', lang='it', fmt='atom', enc='UTF-8',
         base='https://www.lavocedellago.example', body='content', mode='escape',
         desc='Il quotidiano online del lago e delle sue valli', suffix=None, start=9300),
    dict(id='diariodoatlantico', name='Diário do Atlântico', lang='pt', fmt='rss', enc='UTF-8',
         base='https://www.diariodoatlantico.example', body='content:encoded', mode='cdata',
         desc='Notícias de Portugal e do mundo', suffix=' – Diário do Atlântico', start=731000),
    dict(id='correiodomondego', name='Correio do Mondego', lang='pt', fmt='rss', enc='ISO-8859-1',
         base='https://www.correiodomondego.example', body='description', mode='escape',
         desc='Notícias de Coimbra e da região do Mondego', suffix=None, start=20500),
    dict(id='dagbladvandedelta', name='Dagblad van de Delta', lang='nl', fmt='rss', enc='UTF-8',
         base='https://www.dagbladvandedelta.example', body='description', mode='cdata',
         desc='Nieuws uit Zeeland, de regio en de rest van Nederland', suffix=' | Dagblad van de Delta', start=2210000),
    dict(id='meridiano', name='Meridiano Europa', lang='multi', fmt='rss', enc='UTF-8',
         base='https://meridiano-europa.example', body='description', mode='cdata',
         desc='Meridiano Europa – edizione italiana · edição portuguesa · Nederlandse editie', suffix=None, start=160000),
    dict(id='breve24', name='Breve24', lang='multi', fmt='rss', enc='UTF-8',
         base='https://www.breve24.example', body='description', mode='escape',
         desc='Breve24 – le notizie in breve · as notícias em resumo · het nieuws in het kort', suffix=None, start=880000),
]
OUT_BY_ID = {o['id']: o for o in OUTLETS}

# Which outlets carry each wire story (2-5 distinct outlets each).
CARRY = {
    'it-incendio-valdorsa': ['gazzettadelnord', 'lavocedellago', 'meridiano', 'breve24'],
    'it-valdorsa-danni': ['gazzettadelnord', 'lavocedellago', 'breve24'],
    'it-crollo-perito': ['gazzettadelnord', 'lavocedellago', 'meridiano'],
    'it-crollo-difesa': ['gazzettadelnord', 'lavocedellago', 'meridiano', 'breve24'],
    'it-triveneto-tappa3': ['gazzettadelnord', 'lavocedellago', 'meridiano', 'breve24'],
    'it-triveneto-tappa4': ['gazzettadelnord', 'lavocedellago', 'breve24'],
    'it-teatro-rivalta': ['gazzettadelnord', 'lavocedellago', 'meridiano', 'breve24'],
    'pt-norvia-resultados': ['diariodoatlantico', 'correiodomondego', 'meridiano', 'breve24'],
    'pt-norvia-despedimentos': ['diariodoatlantico', 'correiodomondego', 'meridiano', 'breve24'],
    'pt-vilarinho-sines': ['diariodoatlantico', 'correiodomondego', 'breve24'],
    'pt-vilarinho-taca': ['diariodoatlantico', 'correiodomondego', 'meridiano', 'breve24'],
    'pt-greve-maquinistas': ['diariodoatlantico', 'correiodomondego', 'meridiano', 'breve24'],
    'pt-urgencia-pediatrica': ['diariodoatlantico', 'correiodomondego', 'meridiano'],
    'nl-flevoland-formatie-klapt': ['dagbladvandedelta', 'meridiano', 'breve24'],
    'nl-flevoland-informateur': ['dagbladvandedelta', 'meridiano', 'breve24'],
    'nl-herfststorm': ['dagbladvandedelta', 'meridiano', 'breve24'],
    'nl-tolsma-schilderij': ['dagbladvandedelta', 'breve24'],
    'nl-waterlinde-vonnis': ['dagbladvandedelta', 'meridiano', 'breve24'],
}
# Outlet that republishes the story later under a new URL/GUID with an update note.
UPDATES = {
    'it-incendio-valdorsa': 'gazzettadelnord',
    'it-crollo-perito': 'gazzettadelnord',
    'it-triveneto-tappa4': 'lavocedellago',
    'pt-norvia-despedimentos': 'diariodoatlantico',
    'pt-greve-maquinistas': 'correiodomondego',
    'nl-herfststorm': 'dagbladvandedelta',
    'nl-waterlinde-vonnis': 'dagbladvandedelta',
}
# Stories that the summary feed carries as headline only.
TITLE_ONLY = ['it-valdorsa-danni', 'it-triveneto-tappa4', 'pt-vilarinho-sines', 'nl-tolsma-schilderij']

# Per-outlet policy: probability of each optional transform.
POLICY = {
    'gazzettadelnord':   dict(top=True, bottom=True, dateline=True, headline=1.0, read_more=0.6,
                              typo=0.25, html=0.3, html_mode='inline', excerpt=0.0),
    'lavocedellago':     dict(top=True, bottom=True, dateline=False, headline=0.45, read_more=0.3,
                              typo=0.7, html=1.0, html_mode='div', excerpt=0.35),
    'diariodoatlantico': dict(top=True, bottom=True, dateline=True, headline=0.5, read_more=0.6,
                              typo=0.3, html=0.3, html_mode='any', excerpt=0.0),
    'correiodomondego':  dict(top=True, bottom=True, dateline=False, headline=0.45, read_more=0.3,
                              typo=0.6, html=0.0, html_mode=None, excerpt=0.4),
    'dagbladvandedelta': dict(top=True, bottom=True, dateline=True, headline=0.5, read_more=0.6,
                              typo=0.5, html=0.3, html_mode='inline', excerpt=0.2),
    'meridiano':         dict(top=False, bottom=True, dateline=False, headline=0.75, read_more=0.0,
                              typo=0.0, html=0.4, html_mode='any', excerpt=0.0, rewrite=True),
}

READMORE = {
    'it': ["Nuovo parcheggio in stazione, i lavori partono a ottobre",
           "Sagra della castagna, attese trentamila presenze",
           "Scuola, mancano ancora quaranta insegnanti di sostegno in provincia",
           "Bollette dell'acqua, arrivano i conguagli: ecco cosa cambia",
           "Pallavolo, il Lario Volley presenta la nuova squadra",
           "Furti in casa, i consigli dei carabinieri per l'autunno",
           "Ospedale, apre il nuovo reparto di riabilitazione",
           "Mercato contadino, da sabato si sposta in piazza Duomo"],
    'pt': ["Preço dos combustíveis volta a subir na próxima semana",
           "Câmara lança concurso para requalificar mercado municipal",
           "Vindimas arrancam com produção acima da média",
           "Escolas: faltam ainda duzentos professores no distrito",
           "Nova ciclovia liga o centro da cidade à praia",
           "Festival de jazz traz nomes internacionais em outubro",
           "Obras na ponte obrigam a desvios durante um mês",
           "Rendas sobem 9% num ano na região"],
    'nl': ["Nieuwe fietsbrug over het kanaal eindelijk open",
           "Gemeente wil minder auto's in de binnenstad",
           "Huizenprijzen in de regio stijgen weer",
           "Basisscholen kampen met tekort aan invallers",
           "Zomer was voor campings een van de beste ooit",
           "Voedselbank zoekt dringend vrijwilligers",
           "Veerpont vaart vanaf oktober minder vaak",
           "Kermis trekt recordaantal bezoekers"],
}

# Synonyms for the rewrite desk (same gender/number; quotes are never touched).
SYN = {
    'it': [('ha detto', 'ha dichiarato'), ('ha spiegato', 'ha chiarito'), ('ha raccontato', 'ha riferito'),
           ('ha ricordato', 'ha sottolineato'), ('ha annunciato', 'ha reso noto'), ('ha chiesto', 'ha domandato'),
           ('ha avvertito', 'ha ammonito'), ('ha mostrato', 'ha presentato'), ('ha illustrato', 'ha esposto'),
           ('vigili del fuoco', 'pompieri'), ('residenti', 'abitanti'), ('abitazioni', 'case'),
           ('sindaca', 'prima cittadina'), ('sindaco', 'primo cittadino'), ('incendio', 'rogo'), ('del rogo', "dell'incendio"),
           ('circa', "all'incirca"), ('stamattina', 'questa mattina'), ('anche', 'pure'), ('però', 'tuttavia'),
           ('almeno', 'come minimo'), ('Intanto', 'Nel frattempo'), (r're:(?<!\w)oltre(?!\w)(?! a\b)', 'più di'),
           ('molti', 'numerosi'), ('poche ore', 'qualche ora'), ('ancora presto', 'prematuro'),
           ('danneggiate', 'colpite'), ('danni', 'danneggiamenti'), ('critiche', 'polemiche'),
           ('lievemente', 'leggermente'), ('accertamenti', 'controlli'), ('investigatori', 'inquirenti'),
           ('udienza', 'seduta'), ('processo', 'procedimento'), ('imputati', 'accusati'),
           ('il consulente', 'il perito'), ('consulenti', 'periti'), ('ragazze', 'giovani'),
           ("L'avvocata", 'La legale'), ("L'avvocato", 'Il legale'), ('ricostruzione', 'versione'),
           ('il tetto', 'la copertura'), ('del tetto', 'della copertura'), ('I lavori', 'Gli interventi'),
           ('i lavori', 'gli interventi'), ('fotografie', 'immagini'), ('campioni', 'reperti'),
           ('segnalazioni', 'denunce'), ('successivo', 'seguente'), ('in gran parte', 'per lo più'),
           ('soprattutto', 'in particolare'), ('rispetto al', 'in confronto al'), ('costruito', 'edificato'),
           ('finanziato', 'sostenuto'), ('ampliato', 'allargato'), ('spettacoli', 'rappresentazioni'),
           ('vantaggio', 'margine'), ('corridori', 'ciclisti'),
           ('vittoria', 'affermazione'), ('Il velocista', 'Lo sprinter'), ('il velocista', 'lo sprinter'),
           ('chilometri', 'km'), ('percorso', 'tracciato'),
           ('successo', 'trionfo'), ('ospedale', 'nosocomio'), ('alberghi', 'hotel'),
           ('anziani', 'persone anziane'), ('valle', 'vallata'), ('comunicato', 'reso noto'),
           ('stimati', 'calcolati'), ('pesante', 'grave'), ('urgenti', 'immediati'), ('difendere', 'conservare'),
           ('inoltre', 'per di più'), ('problemi', 'difficoltà'), ('posti', 'poltrone'), ('iniziale', 'originario'),
           ('progetto', 'piano'), ('ritardi', 'rallentamenti'), ('dotato', 'fornito'), ('lettere', 'missive')],
    'pt': [('afirmou', 'declarou'), ('disse', 'afirmou'), ('explicou', 'esclareceu'), ('anunciou', 'revelou'),
           ('contou', 'relatou'), ('criticou', 'censurou'), ('garantiu', 'assegurou'), ('lembrou', 'recordou'),
           ('lembra', 'recorda'), ('trabalhadores', 'funcionários'), ('empresa', 'companhia'),
           (r're:(?<!\ba )(?<!\w)cerca de(?!\w)', 'perto de'), ('também', 'igualmente'), ('sobretudo', 'principalmente'),
           ('pelo menos', 'no mínimo'), ('apenas', 'somente'), ('atualmente', 'neste momento'),
           ('jogo', 'encontro'), ('equipa', 'formação'), ('treinador', 'técnico'), ('golo', 'tento'),
           ('guarda-redes', 'guardião'), ('passageiros', 'utentes'), ('administração', 'gestão'),
           ('médicos', 'clínicos'), ('decisão', 'medida'), ('preocupação', 'apreensão'), ('região', 'zona'),
           ('fábrica', 'unidade fabril'), ('fábricas', 'unidades fabris'), ('despedir', 'dispensar'),
           ('pela subida', 'pelo aumento'), ('quebra', 'descida'), ('muitos', 'numerosos'),
           ('longas filas', 'extensas filas'), ('encerramento', 'fecho'), ('onze inicial', 'onze titular'),
           ('o hospital', 'a unidade hospitalar'), ('do hospital', 'da unidade hospitalar'),
           ('remate', 'disparo'), ('prolongamento', 'tempo extra'), ('desperdiçado', 'falhado'),
           ('gestor', 'administrador'), ('previsto', 'planeado'), ('arrancar', 'começar'),
           ('dirigente', 'responsável'), ('greve', 'paralisação'), ('alternativas', 'opções'),
           ('sobrelotados', 'cheios'), ('convocou', 'marcou'), ('exige', 'reclama'), ('desertos', 'vazios'),
           ('incentivos', 'estímulos'), ('habitantes', 'residentes'), ('classificou', 'qualificou'),
           ('assinaturas', 'subscrições'), ('recuaram', 'baixaram'), ('penalizadas', 'prejudicadas'),
           ('cresceu', 'aumentou'), ('subiu', 'aumentou'), ('estudar', 'analisar'), ('pormenores', 'detalhes'),
           ('rápido', 'veloz'), ('seguintes', 'posteriores'), ('queixou-se', 'lamentou-se'),
           ('transferência', 'deslocação'), ('abrangem', 'cobrem'), ('apelou', 'pediu'), ('unidade', 'instalação'),
           ('graves', 'sérios'), ('serviço', 'departamento'), ('oferecidos', 'propostos'), ('encaminhadas', 'enviadas'),
           ('reagiu', 'respondeu'), ('as escalas', 'os turnos')],
    'nl': [('zei', 'verklaarde'), ('zegt', 'stelt'), ('ongeveer', 'circa'), ('ruim', 'meer dan'),
           ('bijna', 'vrijwel'), ('ook', 'eveneens'), ('daarna', 'vervolgens'), ('nauwelijks', 'amper'),
           ('onder meer', 'onder andere'), ('vooral', 'met name'), ('inwoners', 'bewoners'), ('woningen', 'huizen'),
           ('reizigers', 'passagiers'), ('grotendeels', 'goeddeels'), ('beslissingen', 'besluiten'),
           ('onderhandelingen', 'besprekingen'), ('het akkoord', 'de overeenkomst'), ('de uitspraak', 'het vonnis'),
           ('directeur', 'topman'), ('belangrijke', 'cruciale'), ('Belangrijke', 'Cruciale'), ('na afloop', 'achteraf'),
           ('eerst', 'allereerst'), ('flinke', 'forse'), ('lange tijd', 'geruime tijd'), ('meldingen', 'oproepen'),
           ('overlast', 'hinder'), ('geschrapt', 'geannuleerd'), ('gemeten', 'geregistreerd'),
           ('verschillende', 'diverse'), ('gedeeltelijk', 'deels'), ('verwachten', 'voorspellen'),
           ('naar verwachting', 'vermoedelijk'), ('struikelblok', 'breekpunt'), ('betrokkenen', 'ingewijden'),
           ('achterban', 'aanhang'), ('onmisbaar', 'onontbeerlijk'), ('aangesteld', 'benoemd'),
           ('afzonderlijk', 'apart'), ('voorlopig', 'vooralsnog'), ('facturen', 'rekeningen'), ('aankoop', 'koop'),
           ('geëist', 'gevraagd'), ('vakantiewoning', 'vakantiehuis'), ('terugbetaald', 'teruggestort'),
           ('aangespannen', 'gestart'), ('beheert', 'exploiteert'), ('bijdragen', 'giften'),
           ('particulieren', 'privépersonen'), ('schoongemaakt', 'gereinigd'), ('tentoonstelling', 'expositie'),
           ('herkende', 'identificeerde'), ('verdween', 'raakte zoek'), ('bevestigde', 'staafde'),
           ('samenwerking', 'coalitie'), ('compleet', 'volledig'), ('halen', 'bereiken'), ('huidige', 'zittende'),
           ('slechts', 'maar'), ('voormalige', 'vroegere'), ('onderzoek', 'speurwerk'),
           ('gebruikt', 'aangewend'), ('periode', 'tijd'), ('personeel', 'medewerkers'),
           ('gebeurde', 'voorviel'), ('omgewaaide', 'omgevallen'), ('wisselvallig', 'onbestendig'),
           ('gevraagd', 'verzocht'), ('leerlingen', 'scholieren'), ('weg', 'rijbaan'), ('kleinere', 'minder grote'),
           ('verkennen', 'onderzoeken'), ('gepraat', 'overlegd'), ('bouw', 'aanleg'), ('aanleg', 'bouw'),
           ('project', 'plan'), ('financiering', 'bekostiging'), ('praatten', 'spraken'), ('wezen erop', 'benadrukten'),
           ('kondigde aan', 'liet weten'), ('oud-burgemeester', 'voormalig burgemeester'), ('liet weten', 'meldde'),
           ('verdwijnen', 'vervallen'), ('kijken naar', 'zoeken naar')],
}

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------
def esc(s):
    return html.escape(s, quote=False)


def attr(s):
    return html.escape(s, quote=True)


def xesc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def cdata(s):
    return '<![CDATA[' + s.replace(']]>', ']]]]><![CDATA[>') + ']]>'


def slugify(s, maxlen=72):
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r'[^A-Za-z0-9]+', '-', s.lower()).strip('-')
    if len(s) > maxlen:
        s = s[:maxlen].rsplit('-', 1)[0]
    return s


def nwords(s):
    return len(s.split())


def split_sentences(p):
    """Split a paragraph into sentences without breaking inside quotations."""
    out, start, inq, i, n = [], 0, False, 0, len(p)
    while i < n:
        c = p[i]
        if c == '"':
            inq = not inq
        elif c in '.!?':
            j = i + 1
            if inq and j < n and p[j] == '"':
                j += 1
                inq = False
                if j + 1 < n and p[j] == ' ' and (p[j + 1].isupper() or p[j + 1] in '"^'):
                    out.append(p[start:j]); start = j + 1; i = j + 1
                    continue
                i = j
                continue
            if not inq and j + 1 < n and p[j] == ' ' and (p[j + 1].isupper() or p[j + 1] in '"^'):
                out.append(p[start:j]); start = j + 1; i = j + 1
                continue
        i += 1
    out.append(p[start:])
    return [s.strip() for s in out if s.strip()]


def parse_body(body):
    """Return (paragraphs, sentences-with-dependency-flags).  A sentence written as '^Sentence'
    only makes sense after the previous sentence (pronoun, 'però', implicit speaker...)."""
    paras, sents = [], []
    for par in body.strip().split('\n\n'):
        raw = split_sentences(' '.join(par.split()))
        ss = [(x.lstrip('^'), x.startswith('^')) for x in raw]
        paras.append(' '.join(x for x, _ in ss))
        sents.append(ss)
        assert split_sentences(paras[-1]) == [x for x, _ in ss], paras[-1]
    return paras, sents


def dateline(st):
    L, t = st['lang'], st['t_local']
    if L == 'it':
        return '%s, %d %s (APN) – ' % (st['city'], t.day, LANG['it']['months'][t.month - 1])
    if L == 'pt':
        return '%s, %d %s (AAN) - ' % (st['city'], t.day, LANG['pt']['months'][t.month - 1])
    return '%s (NPN) - ' % st['city']


def synonymize(paras, pairs, rng, ratio=0.10):
    comp = []
    for k, v in pairs:
        pat = k[3:] if k.startswith('re:') else r'(?<!\w)' + re.escape(k) + r'(?!\w)'
        comp.append((re.compile(pat), v))
    cands = []
    for pi, p in enumerate(paras):
        qs = [(m.start(), m.end()) for m in re.finditer(r'"[^"]*"', p)]
        taken = []
        for rx, v in comp:
            for m in rx.finditer(p):
                a, b = m.span()
                if any(qa <= a < qb for qa, qb in qs):
                    continue
                if any(not (b <= ta or a >= tb) for ta, tb in taken):
                    continue
                taken.append((a, b))
                cands.append((pi, a, b, v, m.group(0)))
    total = sum(nwords(p) for p in paras)
    target = round(total * ratio)
    chosen, replaced_words = [], 0
    for cand in rng.sample(cands, len(cands)):
        if replaced_words >= target:
            break
        chosen.append(cand)
        replaced_words += nwords(cand[4])
    for pi, a, b, v, _ in sorted(chosen, key=lambda c: (c[0], c[1]), reverse=True):
        paras[pi] = paras[pi][:a] + v + paras[pi][b:]
    return paras, replaced_words, total, len(cands)


def rewrite(st, rng):
    sents = [[x for x, _ in ss] for ss in st['sents']]
    dep = [[d for _, d in ss] for ss in st['sents']]
    idx = [(i, j) for i, ss in enumerate(sents) for j in range(len(ss)) if (i, j) != (0, 0)]
    N = len(idx) + 1
    lo, hi = math.ceil(0.25 * N), math.floor(0.40 * N)
    for _ in range(100):
        d = min(hi, max(lo, round(N * rng.uniform(0.27, 0.36))))
        drop = set(rng.sample(idx, d))
        for i, ss in enumerate(sents):          # a dependent sentence goes with its antecedent
            for j in range(1, len(ss)):
                if dep[i][j] and (i, j - 1) in drop:
                    drop.add((i, j))
        d = len(drop)
        if not lo <= d <= hi:
            continue
        paras = [' '.join(s for j, s in enumerate(ss) if (i, j) not in drop) for i, ss in enumerate(sents)]
        paras = [p for p in paras if p]
        if len(paras) >= 4:
            break
    else:
        raise RuntimeError('rewrite: no valid sentence selection for ' + st['id'])
    i = rng.randrange(1, len(paras))
    moved = paras.pop(i)
    j = rng.choice([k for k in range(1, len(paras) + 1) if k != i])
    paras.insert(j, moved)
    paras, rep, tot, nc = synonymize(paras, SYN[st['lang']] + st['syn'], rng)
    STATS.append(dict(kind='rewrite', story=st['id'], sentences=N, dropped=d, moved=(i, j),
                      replaced_words=rep, words=tot, candidates=nc))
    return paras


def typography(paras, title, L, rng):
    q = rng.choice(LANG[L]['quotes'])

    def conv(s, ops):
        if 'quotes' in ops:
            s = re.sub(r'"([^"]*)"', q[0] + r'\1' + q[1], s)
        if 'apos' in ops:
            s = s.replace("'", '’')
        if 'nbsp' in ops:
            s = re.sub(r'(\d) (?=\w)', '\\1\u00a0', s)
        if 'dash' in ops:
            s = s.replace(' – ', ' - ') if ' – ' in s else s.replace(' - ', ' – ')
        if 'dspace' in ops:
            s = re.sub(r'([.!?]) (?=[A-ZÀ-Ý])', r'\1  ', s)
        return s

    ops = ['quotes'] if any('"' in p for p in paras) else []
    extra = ['nbsp', 'dash', 'dspace'] + (['apos'] if L in ('it', 'nl') else [])
    ops += rng.sample(extra, rng.randint(1, 2))
    new = [conv(p, ops) for p in paras]
    new_title = conv(title, [o for o in ops if o in ('quotes', 'apos')])
    if new == paras:
        new[0] = new[0].replace(' ', '\u00a0', 1)
    return new, new_title


QRX = re.compile(r'["«„“]([^"«»„“”]{3,400})["»“”]')
PROPER = re.compile(r'(?<=[a-zà-ÿ,] )([A-ZÀ-Ý][a-zà-ÿ]{3,}(?: [A-ZÀ-Ý][a-zà-ÿ]+)*)')


def decorate(body, base, rng, has_dl):
    """html_style: inline <strong>/<em>/<a> and &nbsp; on escaped paragraphs."""
    b = list(body)
    for i in range(len(b)):
        if re.search(r'\d ', b[i]):
            b[i] = re.sub(r'(\d) ', r'\1&nbsp;', b[i], count=1)
            break
    for i in range(len(b)):
        m = QRX.search(b[i])
        if m:
            b[i] = b[i][:m.start()] + '<em>' + m.group(0) + '</em>' + b[i][m.end():]
            break
    for i in range(1, len(b)):
        m = PROPER.search(b[i])
        if m:
            href = '%s/tag/%s' % (base, slugify(m.group(1)))
            b[i] = b[i][:m.start()] + '<a href="%s">%s</a>' % (attr(href), m.group(1)) + b[i][m.end():]
            break
    m = re.match(r'^(.{2,60}?\((?:APN|AAN|NPN)\)\s*[–-])', b[0]) if has_dl else None
    if m:
        b[0] = '<strong>' + m.group(1) + '</strong>' + b[0][m.end():]
    else:
        w = b[0].split(' ')
        k = rng.randint(3, 5)
        b[0] = '<strong>' + ' '.join(w[:k]) + '</strong> ' + ' '.join(w[k:])
    return b


def lede(st, rng):
    p0 = st['paras'][0]
    first = split_sentences(p0)[0]
    if nwords(first) <= 40 and rng.random() < 0.6:
        return first
    w = p0.split()
    n = min(len(w), rng.randint(25, 40))
    cut = ' '.join(w[:n]).rstrip(',;:')
    return cut if n == len(w) or cut[-1] in '.!?"' else cut + '…'


def edit_headline(st, o, rng, title):
    C = LANG[st['lang']]

    def kick():
        return rng.choice(C['kick_break'] if st['breaking'] else C['kick_media'])

    oid = o['id']
    if oid == 'gazzettadelnord':
        t = title
        if rng.random() < 0.3:
            t = kick() + ' ' + t
        return t + o['suffix'], title
    if oid == 'meridiano':
        return st['alt'], st['alt']
    ops = {'lavocedellago': ['kicker', 'short', 'alt'],
           'diariodoatlantico': ['suffix', 'kicker', 'alt'],
           'correiodomondego': ['alt', 'short', 'kicker'],
           'dagbladvandedelta': ['kicker', 'suffix', 'alt']}[oid]
    op = rng.choice(ops)
    if op == 'kicker':
        return kick() + ' ' + title, title
    if op == 'short':
        return st['short'], st['short']
    if op == 'alt':
        return st['alt'], st['alt']
    return title + o['suffix'], title


def boiler(o, st, tl, words):
    rt = max(1, math.ceil(words / 200.0))
    d, h = tl.strftime('%d/%m/%Y'), tl.strftime('%H:%M')
    wire = st['kind'] == 'wire'
    ag = LANG[st['lang']]['agency']
    oid, L = o['id'], st['lang']
    if oid == 'gazzettadelnord':
        top = ['di Redazione | %d min di lettura' % rt, 'Pubblicato il %s alle %s' % (d, h)]
        bot = ['Riproduzione riservata © Gazzetta del Nord',
               'Condividi questo articolo: Facebook · X · WhatsApp · Email']
    elif oid == 'lavocedellago':
        top = ['Foto: %s' % ('APN/Archivio' if wire else 'La Voce del Lago'),
               'di Redazione Lago | Aggiornato il %s alle %s' % (d, h)]
        bot = ['Fonte: %s' % ('APN' if wire else 'La Voce del Lago'),
               'Iscriviti alla newsletter de La Voce del Lago: ogni mattina alle 7 le notizie del territorio nella tua casella di posta.']
    elif oid == 'diariodoatlantico':
        top = ['Por Redação | Leitura: %d min' % rt]
        bot = (['Com AAN'] if wire else []) + ['Partilhe esta notícia: Facebook | X | WhatsApp']
    elif oid == 'correiodomondego':
        top = ['Publicado em %s, às %s | Foto: %s' % (d, h, 'AAN/Arquivo' if wire else 'Correio do Mondego')]
        bot = ['© Correio do Mondego. Todos os direitos reservados.',
               'Subscreva a nossa newsletter e receba as notícias da região todas as manhãs.']
    elif oid == 'dagbladvandedelta':
        top = ['Door onze redactie | Leestijd %d %s' % (rt, 'minuut' if rt == 1 else 'minuten')]
        bot = ['Deel dit artikel: WhatsApp · Facebook · X · E-mail',
               'Dit artikel verscheen eerder bij %s.' % ag if wire else 'Dit artikel verscheen eerder in de papieren krant.']
    elif oid == 'meridiano':
        top = []
        bot = {'it': ['Meridiano Europa – Redazione italiana. Tutti i diritti riservati.'],
               'pt': ['Meridiano Europa – Redação em língua portuguesa. Todos os direitos reservados.'],
               'nl': ['Meridiano Europa – Nederlandse redactie. Alle rechten voorbehouden.']}[L]
    else:
        top, bot = [], []
    return top, bot


def make_link(o, st, c, core, tl):
    L, n = st['lang'], c['n']
    sec = SECTIONS[L][st['sec']]
    slug = slugify(core)
    oid = o['id']
    if oid == 'gazzettadelnord':
        return ('%s/%s/%s/%s-%d.html' % (o['base'], sec, tl.strftime('%Y/%m/%d'), slug, n), 'gdn-%d' % n)
    if oid == 'lavocedellago':
        return ('%s/notizie/%d/%s' % (o['base'], n, slug),
                'tag:lavocedellago.example,%s:/notizie/%d' % (tl.strftime('%Y-%m-%d'), n))
    if oid == 'diariodoatlantico':
        return ('%s/%s/%s-%d' % (o['base'], sec, slug, n), 'DA-%d' % n)
    if oid == 'correiodomondego':
        return ('%s/noticia.php?id=%d&origem=rss' % (o['base'], n), 'correiodomondego:noticia:%d' % n)
    if oid == 'dagbladvandedelta':
        return ('%s/%s/%s~a%d/' % (o['base'], sec, slug, n), 'urn:ddd:artikel:%d' % n)
    if oid == 'meridiano':
        return ('%s/%s/%s/%s-%s-%d' % (o['base'], L, sec, tl.strftime('%Y%m%d'), slug, n), 'MER-%s-%06d' % (L.upper(), n))
    return ('%s/b/%d' % (o['base'], n), 'breve24:%d' % n)


TR_ORDER = ['boiler_top', 'read_more', 'boiler_bottom', 'dateline', 'headline_edit', 'excerpt',
            'rewrite', 'lede_only', 'title_only', 'typography', 'html_style', 'update']


# ---------------------------------------------------------------------------
# Rendering one copy
# ---------------------------------------------------------------------------
def render(c, rng):
    st, o = SID[c['sid']], OUT_BY_ID[c['outlet']]
    L = st['lang']
    C = LANG[L]
    tz = timezone(timedelta(hours=(0 if o['id'] == 'breve24' else
                                   2 if o['lang'] == 'multi' else LANG[o['lang']]['tz'])))
    tl = c['t'].astimezone(tz)
    c['tl'] = tl
    base = o['base'] + ('/' + L if o['lang'] == 'multi' else '')
    T = []
    cats = {'it': 'Italia', 'pt': 'Portugal', 'nl': 'Nederland'}

    # ---- summary feed ------------------------------------------------------
    if o['id'] == 'breve24':
        if st['id'] in TITLE_ONLY:
            src = next(OUT_BY_ID[x]['name'] for x in CARRY[st['id']] if OUT_BY_ID[x]['lang'] == L)
            desc = C['title_only'].format(o=src)
            disp = core = st['title']
            T.append('title_only')
        else:
            desc = lede(st, rng)
            T.append('lede_only')
            disp = core = st['title']
            if rng.random() < 0.4:
                disp = core = st['short']
                T.append('headline_edit')
        c['link'], c['guid'] = make_link(o, st, c, core, tl)
        c.update(title=disp, html=esc(desc), transform=[t for t in TR_ORDER if t in T], cats=[cats[L]])
        return

    pol = POLICY[o['id']]
    paras = list(st['paras'])
    if pol.get('rewrite'):
        paras = rewrite(st, rng)
        T.append('rewrite')
    has_dl = st['kind'] == 'wire' and pol['dateline']
    if has_dl:
        paras[0] = dateline(st) + paras[0]
        T.append('dateline')
    excerpt = pol['excerpt'] > 0 and rng.random() < pol['excerpt']
    if excerpt:
        paras = paras[:rng.choice([1, 2])]
        T.append('excerpt')
    title = st['title']
    if pol['typo'] > 0 and rng.random() < pol['typo']:
        paras, title = typography(paras, title, L, rng)
        T.append('typography')
    disp = core = title
    if rng.random() < pol['headline']:
        disp, core = edit_headline(st, o, rng, title)
        T.append('headline_edit')
    c['link'], c['guid'] = make_link(o, st, c, core, tl)

    body = [esc(p) for p in paras]
    mode = None
    if pol['html'] > 0 and rng.random() < pol['html']:
        mode = pol['html_mode'] if pol['html_mode'] != 'any' else rng.choice(['inline', 'div'])
        body = decorate(body, base, rng, has_dl)
        T.append('html_style')
    blocks = [('p', b) for b in body]
    if not excerpt and pol['read_more'] > 0 and rng.random() < pol['read_more']:
        k = min(rng.randint(1, 3), len(body) - 1)
        positions = sorted(rng.sample(range(1, len(body)), k), reverse=True)
        heads = rng.sample(READMORE[L], k)
        for pos, hd in zip(positions, heads):
            href = '%s/%s/%s-%d' % (base, SECTIONS[L]['news'], slugify(hd), rng.randint(10000, 99999))
            blocks.insert(pos, ('p', '%s <a href="%s">%s</a>' % (C['readmore'], attr(href), esc(hd))))
        T.append('read_more')
    if mode and (mode == 'inline' or rng.random() < 0.5):
        cap = '%s (%s)' % (st['short'], C['photo'].format(a=C['agency'] if st['kind'] == 'wire' else o['name']))
        img = '%s/media/%s/%d.jpg' % (o['base'], tl.strftime('%Y/%m'), c['n'])
        fig = ('<figure><img src="%s" alt="%s" width="800" height="450"><figcaption>%s</figcaption></figure>'
               % (attr(img), attr(st['short']), esc(cap)))
        blocks.insert(1, ('fig', fig))
    if excerpt:
        blocks.append(('p', '<a href="%s">%s</a>' % (attr(c['link']), C['more'])))
    if c['update']:
        blocks.insert(0, ('p', '<strong>%s:</strong> %s' % (C['update'], esc(st['update']))))
        T.append('update')
    words = sum(nwords(p) for p in paras)
    top, bot = boiler(o, st, tl, words)
    if top:
        blocks = [('p', esc(x)) for x in top] + blocks
        T.append('boiler_top')
    if bot:
        blocks = blocks + [('p', esc(x)) for x in bot]
        T.append('boiler_bottom')

    if mode == 'div':
        out = '<div class="%s">%s</div>' % ('testo' if L == 'it' else 'texto' if L == 'pt' else 'tekst',
                                           '<br><br>\n'.join(b for _, b in blocks))
    else:
        out = '\n'.join(('<p>%s</p>' % b) if k == 'p' else b for k, b in blocks)
    c.update(title=disp, html=out, transform=[t for t in TR_ORDER if t in T],
             cats=[SECTIONS[L][st['sec']].capitalize()])


# ---------------------------------------------------------------------------
# Feed writers
# ---------------------------------------------------------------------------
def write_rss(o, items):
    ns = ' xmlns:content="http://purl.org/rss/1.0/modules/content/"' if o['body'] == 'content:encoded' else ''
    last = max(c['t'] for c in items)
    tz = items[0]['tl'].tzinfo
    lines = ['<?xml version="1.0" encoding="%s"?>' % o['enc'],
             '<rss version="2.0"%s>' % ns,
             '  <channel>',
             '    <title>%s</title>' % xesc(o['name']),
             '    <link>%s/</link>' % xesc(o['base']),
             '    <description>%s</description>' % xesc(o['desc'])]
    if o['lang'] != 'multi':
        lines.append('    <language>%s</language>' % {'it': 'it-IT', 'pt': 'pt-PT', 'nl': 'nl-NL'}[o['lang']])
    lines.append('    <lastBuildDate>%s</lastBuildDate>' % format_datetime(last.astimezone(tz)))
    lines.append('    <generator>%s CMS</generator>' % xesc(o['name']))
    for c in items:
        lines += ['    <item>',
                  '      <title>%s</title>' % xesc(c['title']),
                  '      <link>%s</link>' % xesc(c['link']),
                  '      <guid isPermaLink="false">%s</guid>' % xesc(c['guid']),
                  '      <pubDate>%s</pubDate>' % format_datetime(c['tl'])]
        for cat in c['cats']:
            lines.append('      <category>%s</category>' % xesc(cat))
        if o['body'] == 'content:encoded':
            lines.append('      <content:encoded>%s</content:encoded>' % cdata(c['html']))
        elif o['mode'] == 'cdata':
            lines.append('      <description>%s</description>' % cdata(c['html']))
        else:
            lines.append('      <description>%s</description>' % xesc(c['html']))
        lines.append('    </item>')
    lines += ['  </channel>', '</rss>', '']
    text = '\n'.join(lines)
    if o['enc'] == 'UTF-8':
        return text.encode('utf-8')
    assert 'CDATA' not in text
    return text.encode('iso-8859-1', 'xmlcharrefreplace')


def write_atom(o, items):
    last = max(c['t'] for c in items)
    tz = items[0]['tl'].tzinfo
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="%s">' % o['lang'],
             '  <title>%s</title>' % xesc(o['name']),
             '  <subtitle>%s</subtitle>' % xesc(o['desc']),
             '  <link href="%s/" rel="alternate" type="text/html"/>' % attr(o['base']),
             '  <link href="%s/feed.atom" rel="self" type="application/atom+xml"/>' % attr(o['base']),
             '  <id>%s/</id>' % xesc(o['base']),
             '  <updated>%s</updated>' % last.astimezone(tz).isoformat()]
    for c in items:
        lines += ['  <entry>',
                  '    <title>%s</title>' % xesc(c['title']),
                  '    <link href="%s" rel="alternate" type="text/html"/>' % attr(c['link']),
                  '    <id>%s</id>' % xesc(c['guid']),
                  '    <published>%s</published>' % c['tl'].isoformat(),
                  '    <updated>%s</updated>' % c['tl'].isoformat(),
                  '    <author><name>Redazione</name></author>']
        for cat in c['cats']:
            lines.append('    <category term="%s"/>' % attr(cat))
        lines += ['    <content type="html">%s</content>' % xesc(c['html']), '  </entry>']
    lines += ['</feed>', '']
    return '\n'.join(lines).encode('utf-8')


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------
SID = {}


def build(outdir):
    rng = random.Random(SEED)
    del STATS[:]
    SID.clear()
    for st in STORIES:
        st['paras'], st['sents'] = parse_body(st['body'])
        tz = timezone(timedelta(hours=LANG[st['lang']]['tz']))
        st['t_local'] = datetime.strptime(st['when'], '%Y-%m-%d %H:%M').replace(tzinfo=tz)
        st['t_utc'] = st['t_local'].astimezone(timezone.utc)
        SID[st['id']] = st
        w = nwords(' '.join(st['paras']))
        if st['kind'] == 'wire':
            assert 5 <= len(st['paras']) <= 8 and 170 <= w <= 380, (st['id'], len(st['paras']), w)
            assert len(set(CARRY[st['id']])) == len(CARRY[st['id']]) and 2 <= len(CARRY[st['id']]) <= 5

    # phase 1: who publishes when
    copies = []
    for st in STORIES:
        carriers = CARRY[st['id']] if st['kind'] == 'wire' else [st['outlet']]
        for oid in carriers:
            if st['kind'] == 'local':
                off = rng.randint(20, 240)
            elif oid == 'breve24':
                off = rng.randint(10, 20 * 60)
            else:
                off = rng.randint(15, 26 * 60)
            c = dict(sid=st['id'], outlet=oid, update=False, t=st['t_utc'] + timedelta(minutes=off))
            copies.append(c)
            if UPDATES.get(st['id']) == oid:
                copies.append(dict(sid=st['id'], outlet=oid, update=True,
                                   t=c['t'] + timedelta(minutes=rng.randint(150, 480))))
    # phase 2: per-outlet article numbers increase with time
    for o in OUTLETS:
        n = o['start']
        for c in sorted([c for c in copies if c['outlet'] == o['id']], key=lambda c: (c['t'], c['sid'], c['update'])):
            n += rng.randint(7, 90)
            c['n'] = n
    # phase 3: render
    for c in copies:
        render(c, rng)

    links = [c['link'] for c in copies]
    guids = [c['guid'] for c in copies]
    assert len(set(links)) == len(links) and len(set(guids)) == len(guids)
    assert not set(links) & set(guids)

    os.makedirs(os.path.join(outdir, 'feeds'), exist_ok=True)
    outlets_json, items_json = [], []
    for o in OUTLETS:
        items = sorted([c for c in copies if c['outlet'] == o['id']], key=lambda c: c['t'], reverse=True)
        data = write_atom(o, items) if o['fmt'] == 'atom' else write_rss(o, items)
        with open(os.path.join(outdir, 'feeds', o['id'] + '.xml'), 'wb') as f:
            f.write(data)
        outlets_json.append(dict(id=o['id'], name=o['name'], file='feeds/%s.xml' % o['id'], format=o['fmt']))
        for c in items:
            items_json.append(dict(outlet=o['id'], link=c['link'], guid=c['guid'], story=c['sid'],
                                   transform=c['transform']))
    truth = dict(corpus='heldout', items=items_json,
                 stories={st['id']: dict(title=st['title']) for st in STORIES},
                 hardNegatives=HARD_NEGATIVES)
    for name, obj in (('outlets.json', outlets_json), ('truth.json', truth)):
        with open(os.path.join(outdir, name), 'wb') as f:
            f.write((json.dumps(obj, ensure_ascii=False, indent=2) + '\n').encode('utf-8'))
    return copies


if __name__ == '__main__':
    target = sys.argv[1] if len(sys.argv) > 1 else 'corpus-it-pt-nl'
    build(target)
