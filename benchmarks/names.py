"""The people, offices and organisations of the synthetic databases (``bench_datasette``,
``bench_refresh``): first names and surnames from many languages, so that names collide as
they do in the news, and places and institutions that make organisation names.
"""

FIRST = """Ada Adam Adrian Ahmed Aiko Alan Alejandro Alexei Alice Amara Amir Ana Andrea Andrei Anna
Anton Arjun Asha Beatriz Ben Boris Camille Carl Carlos Carmen Chen Chloe Claire Daniel Dana Dmitry
Elena Elif Emma Erik Fatima Felix Fiona Francesca Frank Gabriel Gareth Grace Greta Hana Hans
Helen Hiroshi Hugo Ibrahim Ingrid Isabel Ivan James Jan Janet Javier Jin Joao Jonas Jorge Julia
Kate Kenji Kim Klaus Lars Laura Lea Leila Li Lina Lucas Luis Maja Malik Marco Maria Marie Mark
Marta Mateo Maya Mehmet Mia Miguel Min Mohammed Nadia Naomi Nikolai Nina Noah Olga Omar Oscar
Pablo Paolo Patrick Paul Pedro Peter Pierre Priya Rafael Ravi Rosa Ruth Sami Sara Sergei Simon
Sofia Sunita Takeshi Tanya Tariq Thomas Tom Valentina Victor Viktor Wei Yara Yuki Yusuf Zara Zoe
Ahn Bilal Cem Dario Eun Farid Goran Hyun Iris Jae Kofi Lena Mei Nuno Oleg Pia Qasim Rui""".split()
LAST = """Abe Adeyemi Aldridge Almeida Andersen Bauer Becker Benning Berg Boateng Brennan Brooks
Cardenas Chen Costa Dahl Delgado Dobbs Dunmore Ellis Eriksen Farrow Fischer Fontaine Garcia Gale
Haddad Halvorsen Hartmann Hollis Horvath Ibrahim Ishikawa Ivanov Jensen Kaplan Kendal Khan Kim
Kirby Koch Kowalski Kuznetsov Lang Larsen Lee Lindqvist Lopez Lowe Lyle Marsh Martin Meyer
Mistry Moreno Morozov Nakamura Nandakumar Novak Okafor Okonjo Olsen Ortiz Park Patel Petrov
Popescu Quist Rao Reyes Richter Rossi Santos Sato Schmidt Silva Singh Sokolov Suzuki Tanaka
Torres Varga Vasquez Volkov Wagner Weber Whitlock Wong Yamamoto Yilmaz Zhang Zimmermann Achterberg
Ambrose Brannigan Broussard Cheung Fontenot Guidry Halloran Hebert Lindgren Moffat Nowak Pereira
Romano Sandvold Varney Whitcombe Yoon Choe Peskov Zakharova Rutte Blinken Sokolova Kovac Novotny
Hansen Nielsen Mendes Ferreira Rocha Gomez Navarro Ortega Castillo Ramos Aguilar Herrera Medina
Fuentes Vega Soto Rojas Molina Campos Pacheco Bianchi Ricci Marino Greco Bruno Gallo Conti
De-Luca Mancini Costa-Reis Lombardi Barbieri Fontana Moretti Caruso Ferri Esposito""".split()
ROLES = ("President", "Prime Minister", "Foreign Minister", "spokesman", "spokeswoman",
         "Defence Minister", "Mayor", "Chief Executive", "analyst", "senator", "professor",
         "Trade Secretary", "police spokesperson", "union leader", "director")
PLACES = ("Northfield", "Westshire", "Riverton", "Harlan", "Calvert", "Ashford", "Brightwell",
          "Corvane", "Kendal", "Lantern", "Halcyon", "Marlow", "Eastbrook", "Southgate",
          "Pinecrest", "Oakridge", "Stonebridge", "Redcliff", "Greenvale", "Silverton")
INSTITUTIONS = ("Ministry of Finance", "Foreign Ministry", "Police", "City Council",
                "Hospitals Trust", "Workers' Union", "Chamber of Commerce", "Football Club",
                "Water Authority", "Central Bank", "Electoral Commission", "University",
                "Health Department", "Federation", "News Agency", "Chemical Co.")
